from django.apps import AppConfig


class MembersConfig(AppConfig):
    name = "dangvu.members"
    verbose_name = "Đảng viên"
