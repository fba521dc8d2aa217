from django import forms
from django.contrib.auth import password_validation
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from lms.audiences import Audience
from lms.units.models import COMMUNE_KINDS, LOCAL_KINDS, PROVINCE_KINDS, Unit
from lms.units.ordering import in_vietnamese_order

from .models import User
from .phone import InvalidPhoneNumber, normalize_vn_mobile
from .usernames import shows_phone_number


def clean_phone_value(raw: str) -> str:
    try:
        return normalize_vn_mobile(raw)
    except InvalidPhoneNumber as exc:
        raise ValidationError(
            _("This is not a valid Vietnamese mobile number. Example: 0912 345 678."),
            code="invalid_phone",
        ) from exc


class LoginForm(AuthenticationForm):
    username = forms.CharField(
        label=_("Mobile number or username"),
        max_length=150,
        widget=forms.TextInput(attrs={"autofocus": True, "autocomplete": "username"}),
    )
    error_messages = {
        "invalid_login": _(
            "The mobile number/username or the password is wrong. Check them and try again."
        ),
        "inactive": _("This account is disabled."),
    }


class UnitPickerMixin(forms.Form):
    """Province → commune/ward → village, as three selects. Without JavaScript the
    form is sent once to fill the next select; with it the API fills them."""

    province = forms.ModelChoiceField(
        label=_("Province or city"),
        queryset=Unit.objects.filter(kind__in=PROVINCE_KINDS),
        required=False,
        to_field_name="code",
    )
    commune = forms.ModelChoiceField(
        label=_("Commune or ward"),
        queryset=Unit.objects.none(),
        required=False,
        to_field_name="code",
    )
    village = forms.ModelChoiceField(
        label=_("Village or residential group (optional)"),
        queryset=Unit.objects.none(),
        required=False,
        to_field_name="code",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        province_code = self.data.get(self.add_prefix("province")) or self.initial.get("province")
        commune_code = self.data.get(self.add_prefix("commune")) or self.initial.get("commune")
        self.fields["province"].queryset = in_vietnamese_order(
            Unit.objects.filter(kind__in=PROVINCE_KINDS)
        )
        self.fields["commune"].queryset = in_vietnamese_order(
            Unit.objects.filter(parent__code=province_code, kind__in=COMMUNE_KINDS)
        )
        self.fields["village"].queryset = in_vietnamese_order(
            Unit.objects.filter(parent__code=commune_code, kind__in=LOCAL_KINDS)
        )

    def chosen_unit(self):
        data = self.cleaned_data
        return data.get("village") or data.get("commune") or None

    def clean(self):
        cleaned = super().clean()
        province, commune, village = (cleaned.get(k) for k in ("province", "commune", "village"))
        if commune and province and commune.parent_id != province.id:
            self.add_error("commune", _("This commune is not in the chosen province."))
        if village and commune and village.parent_id != commune.id:
            self.add_error("village", _("This village is not in the chosen commune."))
        return cleaned


class FieldGroup:
    """Part of a form for ``includes/form.html``: the fields named (or all but
    them, with ``exclude``), and the form-wide errors when ``with_errors``."""

    def __init__(self, form, names, *, exclude=False, with_errors=False):
        self.form, self.names, self.exclude, self.with_errors = (
            form,
            set(names),
            exclude,
            with_errors,
        )

    def _keeps(self, field) -> bool:
        return (field.name in self.names) != self.exclude

    def non_field_errors(self):
        return self.form.non_field_errors() if self.with_errors else []

    def hidden_fields(self):
        return [field for field in self.form.hidden_fields() if self._keeps(field)]

    def visible_fields(self):
        return [field for field in self.form.visible_fields() if self._keeps(field)]


class SignUpForm(UnitPickerMixin):
    full_name = forms.CharField(
        label=_("Full name"),
        max_length=200,
        help_text=_("As on your citizen ID card, with diacritics, e.g. Nguyễn Thị Hồng Nhung."),
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    phone = forms.CharField(
        label=_("Mobile number"),
        max_length=32,
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel"}),
        help_text=_("You will sign in with it. Example: 0912 345 678."),
    )
    username = forms.RegexField(
        label=_("Username (if you have no mobile number)"),
        regex=r"^[A-Za-z][A-Za-z0-9_.]{2,29}$",
        max_length=30,
        required=False,
        error_messages={
            "invalid": _(
                "A username has 3–30 letters without diacritics, digits, dots or underscores, "
                "and starts with a letter."
            )
        },
    )
    email = forms.EmailField(
        label=_("Email (optional)"),
        required=False,
        help_text=_("Lets you reset a forgotten password yourself."),
    )
    # Four choices as big radio buttons: a phone's dropdown cut "Người lao động trong
    # doanh nghiệp" off at 360 px, and one tap is easier than a list for everyone.
    audience = forms.ChoiceField(
        label=_("You are"), choices=Audience.choices, widget=forms.RadioSelect
    )
    password1 = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("At least 8 characters, not only digits."),
    )
    password2 = forms.CharField(
        label=_("Password again"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    consent = forms.BooleanField(
        label=_("I have read the privacy notice and agree to my data being used as it says."),
        error_messages={"required": _("Tick the box to agree to the privacy notice.")},
    )

    field_order = [
        "full_name",
        "phone",
        "username",
        "email",
        "audience",
        "province",
        "commune",
        "village",
        "password1",
        "password2",
    ]

    # The fields after the unit picker (see before_passwords): the passwords and consent.
    PASSWORD_FIELDS = ("password1", "password2", "consent")

    @property
    def before_passwords(self) -> FieldGroup:
        return FieldGroup(self, self.PASSWORD_FIELDS, exclude=True, with_errors=True)

    @property
    def passwords(self) -> FieldGroup:
        return FieldGroup(self, self.PASSWORD_FIELDS)

    def clean_full_name(self):
        name = " ".join(self.cleaned_data["full_name"].split())
        if len(name) < 2:
            raise ValidationError(_("Enter your full name."))
        return name

    def clean_phone(self):
        raw = self.cleaned_data.get("phone", "").strip()
        if not raw:
            return ""
        phone = clean_phone_value(raw)
        if User.objects.filter(phone=phone).exists():
            raise ValidationError(
                _(
                    "An account with this mobile number already exists. Sign in or reset the password."
                ),
                code="duplicate_phone",
            )
        return phone

    def clean_username(self):
        username = self.cleaned_data.get("username", "").strip()
        if shows_phone_number(username):
            raise ValidationError(
                _("A username cannot contain a phone number."), code="phone_in_username"
            )
        if username and User.objects.filter(username__iexact=username).exists():
            raise ValidationError(_("This username is taken."), code="duplicate_username")
        return username

    def clean_email(self):
        email = self.cleaned_data.get("email", "").strip().lower()
        if email and User.objects.filter(email__iexact=email).exists():
            raise ValidationError(
                _("An account with this email already exists."), code="duplicate_email"
            )
        return email

    def clean(self):
        cleaned = super().clean()
        if (
            not cleaned.get("phone")
            and not cleaned.get("username")
            and not self.errors.get("phone")
            and not self.errors.get("username")
        ):
            raise ValidationError(_("Enter a mobile number or, if you have none, a username."))
        p1, p2 = cleaned.get("password1"), cleaned.get("password2")
        if p1 and p2 and p1 != p2:
            self.add_error("password2", _("The two passwords do not match."))
        elif p1:
            probe = User(
                username=cleaned.get("username") or cleaned.get("phone") or "",
                full_name=cleaned.get("full_name", ""),
                email=cleaned.get("email", ""),
            )
            try:
                password_validation.validate_password(p1, probe)
            except ValidationError as exc:
                self.add_error("password1", exc)
        return cleaned


class ResetWithCodeForm(forms.Form):
    identifier = forms.CharField(label=_("Mobile number or username"), max_length=150)
    code = forms.RegexField(
        label=_("Reset code from your unit manager"),
        regex=r"^\s*\d{8}\s*$",
        error_messages={"invalid": _("The code has 8 digits.")},
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "one-time-code"}),
    )
    new_password1 = forms.CharField(
        label=_("New password"), strip=False, widget=forms.PasswordInput
    )
    new_password2 = forms.CharField(
        label=_("New password again"), strip=False, widget=forms.PasswordInput
    )

    def clean(self):
        cleaned = super().clean()
        p1, p2 = cleaned.get("new_password1"), cleaned.get("new_password2")
        if p1 and p2 and p1 != p2:
            self.add_error("new_password2", _("The two passwords do not match."))
        elif p1:
            try:
                password_validation.validate_password(p1)
            except ValidationError as exc:
                self.add_error("new_password1", exc)
        return cleaned


class LocalUnitForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    kind = forms.ChoiceField(
        label=_("Kind"),
        choices=[(k.value, k.label) for k in sorted(LOCAL_KINDS, key=lambda k: k.value)],
    )
