from django.apps import AppConfig


class BenchmarksConfig(AppConfig):
    """Benchmark harnesses (``access bench ...``): they build synthetic populations and drive
    the engine and the API, so they sit above every app they measure."""

    name = "access.benchmarks"
    label = "benchmarks"
    verbose_name = "Benchmarks"
