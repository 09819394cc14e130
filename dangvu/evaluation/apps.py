from django.apps import AppConfig


class EvaluationConfig(AppConfig):
    name = "dangvu.evaluation"
    verbose_name = "Đánh giá, xếp loại"
