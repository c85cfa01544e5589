"""Account forms for the pages (CSRF-protected by Flask-WTF). Lengths are checked before any
password is hashed or verified, so an oversized field costs nothing."""
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
