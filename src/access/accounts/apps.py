from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "access.accounts"
    label = "accounts"
    verbose_name = "Accounts"

    def ready(self) -> None:
        from access.accounts.api import schema  # noqa: F401  (registers OpenAPI extensions)
