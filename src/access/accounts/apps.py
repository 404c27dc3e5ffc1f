from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "access.accounts"
    label = "accounts"
    verbose_name = "Accounts"

    def ready(self) -> None:
        from access.accounts import events  # noqa: F401  (declares this app's audit events)
        from access.accounts.api import schema  # noqa: F401  (registers OpenAPI extensions)
