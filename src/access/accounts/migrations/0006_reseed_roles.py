from django.db import migrations


def seed(apps, schema_editor):
    from access.accounts.roles import seed_roles

    seed_roles(apps.get_model("accounts", "Role"), apps.get_model("accounts", "Grant"))


class Migration(migrations.Migration):
    """Person records: LESC analysts, CAP officers, ICE supervisors and oversight may view."""

    dependencies = [("accounts", "0005_reseed_roles")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
