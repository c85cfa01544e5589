"""Account forms for the pages (CSRF-protected by Flask-WTF)."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import EmailField, HiddenField, PasswordField, SelectField, StringField
from wtforms.validators import Email, InputRequired, Length

from marketplace.accounts.schemas import PASSWORD_MAX, PASSWORD_MIN


class SignInForm(FlaskForm):
    email = EmailField(_l("Email"), validators=[
        InputRequired(_l("This field is required.")), Length(max=254, message=_l("At most %(max)d characters."))])
    password = PasswordField(_l("Password"), validators=[
        InputRequired(_l("This field is required.")),
        Length(max=PASSWORD_MAX, message=_l("At most %(max)d characters."))])
    next = HiddenField()


class RegisterForm(FlaskForm):
    email = EmailField(_l("Email"), validators=[
        InputRequired(_l("This field is required.")), Email(_l("Not a valid email address.")),
        Length(max=254, message=_l("At most %(max)d characters."))])
    display_name = StringField(_l("Display name"), validators=[
        InputRequired(_l("This field is required.")), Length(max=80, message=_l("At most %(max)d characters."))])
    password = PasswordField(_l("Password"), validators=[
        InputRequired(_l("This field is required.")),
        Length(min=PASSWORD_MIN, max=PASSWORD_MAX,
               message=_l("The password needs %(min)d to %(max)d characters."))])


class LocaleForm(FlaskForm):
    locale = SelectField(_l("Language"), choices=[("zh_CN", "中文"), ("en", "English")])
    next = HiddenField()
