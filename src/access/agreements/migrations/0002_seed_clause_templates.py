from django.db import migrations


def seed(apps, schema_editor):
    from access.agreements.clause_seed import seed_templates

    seed_templates(apps.get_model("agreements", "ClauseTemplate"))


class Migration(migrations.Migration):
    dependencies = [("agreements", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
