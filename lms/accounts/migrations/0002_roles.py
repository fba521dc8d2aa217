from django.db import migrations


def create_role_groups(apps, schema_editor):
    from lms.accounts.roles import sync_roles

    # Permissions of apps migrated later are granted by the post_migrate sync.
    sync_roles(apps.get_model("auth", "Group"), apps.get_model("auth", "Permission"))


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(create_role_groups, migrations.RunPython.noop)]
