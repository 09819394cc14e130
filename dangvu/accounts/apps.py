from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "dangvu.accounts"
    verbose_name = "Tài khoản và phân quyền"

    def ready(self) -> None:
        from dangvu.accounts.trail import trail_connect

        trail_connect()
