import datetime

from django.db import migrations


def seed(apps, schema_editor):
    from access.partnerships.recommend import DEFAULT_SETTINGS

    model = apps.get_model("partnerships", "RecommendationSettings")
    if not model.objects.exists():
        model.objects.create(
            effective_from=datetime.datetime(2000, 1, 1, tzinfo=datetime.UTC),
            settings=DEFAULT_SETTINGS,
            note="Initial rules and weights.",
            created_by_name="system: initial settings",
        )


class Migration(migrations.Migration):
    dependencies = [("partnerships", "0003_intake")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
