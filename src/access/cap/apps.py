from django.apps import AppConfig


class CapConfig(AppConfig):
    name = "access.cap"
    label = "cap"
    verbose_name = "CAP jail screening"

    def ready(self) -> None:
        from access.cap import events  # noqa: F401  (declares this app's audit events)
        from access.cap.actions.encounters import expected_release
        from access.detention import release_hints

        # The rosters' release times feed the detainer's hold clock (detention imports no CAP).
        release_hints.register(expected_release)
