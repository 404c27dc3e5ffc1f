from django.db import migrations


def seed(apps, schema_editor):
    from access.accounts.roles import seed_roles

    seed_roles(apps.get_model("accounts", "Role"), apps.get_model("accounts", "Grant"))


class Migration(migrations.Migration):
    """Oversight records the weekly audit review."""

    dependencies = [("accounts", "0004_reseed_roles")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
