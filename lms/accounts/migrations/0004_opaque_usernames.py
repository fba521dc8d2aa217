"""Usernames built from phone numbers (the old "u84987654321") become opaque.
Only accounts with a phone number are renamed: they sign in with the number,
so the new username changes nothing for them."""

from django.db import migrations


def rename_phone_usernames(apps, schema_editor=None) -> int:
    from lms.accounts.usernames import new_opaque_username, shows_phone_number

    user_model = apps.get_model("accounts", "User")
    renamed = 0
    for user in user_model.objects.filter(phone__isnull=False).only("pk", "username", "phone"):
        if not shows_phone_number(user.username, user.phone):
            continue
        user.username = new_opaque_username(
            lambda name: user_model.objects.filter(username__iexact=name).exists()
        )
        user.save(update_fields=["username"])
        renamed += 1
    return renamed


class Migration(migrations.Migration):
    dependencies = [("accounts", "0003_reset_code_owner_notice")]

    operations = [migrations.RunPython(rename_phone_usernames, migrations.RunPython.noop)]
