from django.db import migrations


def seed(apps, schema_editor):
    from access.partnerships.reference import seed_types

    seed_types(apps.get_model("partnerships", "PartnershipType"))


class Migration(migrations.Migration):
    dependencies = [("partnerships", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
