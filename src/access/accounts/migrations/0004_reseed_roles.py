from django.db import migrations


def seed(apps, schema_editor):
    from access.accounts.roles import seed_roles

    seed_roles(apps.get_model("accounts", "Role"), apps.get_model("accounts", "Grant"))


class Migration(migrations.Migration):
    """Grants for intake (partnerships) and agreements."""

    dependencies = [("accounts", "0003_reseed_roles")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
