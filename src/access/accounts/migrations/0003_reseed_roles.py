from django.db import migrations


def seed(apps, schema_editor):
    from access.accounts.roles import seed_roles

    seed_roles(apps.get_model("accounts", "Role"), apps.get_model("accounts", "Grant"))


class Migration(migrations.Migration):
    """Grants for ICE's public 287(g) list (view; import for program managers and admins)."""

    dependencies = [("accounts", "0002_seed_roles")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
