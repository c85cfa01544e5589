"""Account forms for the pages (CSRF-protected by Flask-WTF). Lengths are checked before any
password is hashed or verified, so an oversized field costs nothing.

Also the problems of any input, for the pages and the API alike: ``show_errors`` puts a
service's next to a form's fields, ``flatten_messages`` lists a schema's per dotted field name."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import EmailField, HiddenField, PasswordField, SelectField, StringField
from wtforms.validators import DataRequired, Email, InputRequired, Length, StopValidation, ValidationError

from marketplace.accounts.schemas import PASSWORD_MAX, PASSWORD_MIN
from marketplace.core.errors import DomainError
from marketplace.web.i18n import LOCALES

REQUIRED = _l("This field is required.")
TOO_LONG = _l("At most %(max)d characters.")


class Bounded(Length):
    """A length check that ends the chain, so later validators never see oversized input."""

    def __call__(self, form, field):
        try:
            super().__call__(form, field)
        except ValidationError as error:
            raise StopValidation(str(error)) from error


def strip(value):
    return value.strip() if isinstance(value, str) else value


def email_field():
    # Length first: the address parser should never see 1 MB of text.
    return EmailField(_l("Email"), filters=[strip], validators=[
        InputRequired(REQUIRED), Bounded(max=254, message=TOO_LONG),
        Email(_l("Not a valid email address."))])


class SignInForm(FlaskForm):
    email = email_field()
    password = PasswordField(_l("Password"), validators=[
        InputRequired(REQUIRED), Bounded(max=PASSWORD_MAX, message=TOO_LONG)])
    next = HiddenField()


class RegisterForm(FlaskForm):
    email = email_field()
    display_name = StringField(_l("Display name"), filters=[strip], validators=[
        DataRequired(REQUIRED), Bounded(max=80, message=TOO_LONG)])
    password = PasswordField(_l("Password"), validators=[
        InputRequired(REQUIRED),
        Bounded(min=PASSWORD_MIN, max=PASSWORD_MAX,
               message=_l("The password needs %(min)d to %(max)d characters."))])


class LocaleForm(FlaskForm):
    locale = SelectField(_l("Language"), choices=list(LOCALES), validate_choice=True)
    next = HiddenField()


def show_errors(form: FlaskForm, error: DomainError, names: dict[str, str] | None = None) -> None:
    """Put a service's problems next to the form fields they concern (``names`` maps the
    service's field names to the form's); the rest go above the form."""
    for name, messages in error.fields.items():
        field = form._fields.get((names or {}).get(name, name))
        if field is None:
            form.form_errors.extend(messages)
        else:
            field.errors = [*field.errors, *messages]
    if not error.fields:
        form.form_errors.append(error.message)


# marshmallow's own messages, so they reach the client translated.
MARSHMALLOW_MESSAGES = {
    "Missing data for required field.": _l("This field is required."),
    "Unknown field.": _l("This field is not accepted here."),
    "Field may not be null.": _l("This field may not be empty."),
    "Not a valid string.": _l("Give text here."),
    "Not a valid integer.": _l("Give a whole number here."),
    "Not a valid number.": _l("Not a valid number."),
    "Not a valid boolean.": _l("Give true or false here."),
    "Not a valid email address.": _l("Not a valid email address."),
    "Not a valid list.": _l("Give a list here."),
    "Invalid input type.": _l("The value has the wrong type."),
    "Invalid value.": _l("Not a valid value."),
    "Not a valid mapping type.": _l("Give an object here."),
    "Not a valid datetime.": _l("Not a valid date and time."),
    "Not a valid URL.": _l("Not a valid web address."),
}


def _translate(message) -> str:
    text = str(message)
    return str(MARSHMALLOW_MESSAGES.get(text, text))


def flatten_messages(messages, prefix: str = "") -> dict[str, list[str]]:
    """``{"skus": {0: {"price": ["..."]}}}`` becomes ``{"skus.0.price": ["..."]}``."""
    if isinstance(messages, list | tuple) and all(not isinstance(m, dict) for m in messages):
        return {prefix or "_schema": [_translate(m) for m in messages]}
    if isinstance(messages, dict):
        flat: dict[str, list[str]] = {}
        for key, value in messages.items():
            name = str(key) if not prefix else f"{prefix}.{key}"
            if key == "_schema" and not prefix:
                name = "_schema"
            flat.update(flatten_messages(value, name))
        return flat
    return {prefix or "_schema": [_translate(messages)]}
