from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "dangvu.accounts"
    verbose_name = "Tài khoản và phân quyền"
