from django.db import migrations


def seed(apps, schema_editor):
    from access.accounts.roles import seed_roles

    seed_roles(apps.get_model("accounts", "Role"), apps.get_model("accounts", "Grant"))


class Migration(migrations.Migration):
    """LESC inquiries: officers submit, analysts answer, supervisors decide, oversight reviews."""

    dependencies = [("accounts", "0006_reseed_roles")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
