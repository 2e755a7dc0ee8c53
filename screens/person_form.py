"""Add or edit a connection in a modal form; every bad value is explained next to its field.

The form validates with the domain's own rules (``split_name`` + ``Connection``,
``Birthday.parse``, ``parse_cadence``, ``planner.dates.parse_date``), saves the connection into
``app.store`` itself (so any caller, e.g. the command palette, can open it) and returns it.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Input, Label, TextArea

from planner.dates import parse_date
from planner.lookup import same_name
from planner.models import Birthday, Connection, ValidationError, parse_cadence, split_name
from planner.text import safe
from screens.widgets.footer import QuietFooter
from screens.widgets.form_field import (
    Field,
    FieldError,
    FormScreen,
    ModelValidator,
    TickBox,
    show_input_error,
)

if TYPE_CHECKING:
    from planner.operations import Operations


def _check_name(value: str) -> Connection:
    first, last = split_name(value)
    return Connection(id="-", first_name=first, last_name=last)


class PersonForm(FormScreen[Connection | None]):
    """Add (``PersonForm()``) or edit (``PersonForm(conn)``) a connection.

    Dismisses with the saved :class:`Connection`, or None when cancelled.
    """

    CSS_PATH = "person_form.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "Save", priority=True),
        Binding("escape", "cancel", "Cancel"),
    ]

    def __init__(self, connection: Connection | None = None) -> None:
        super().__init__()
        self.connection = connection

    # --- layout --------------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        c = self.connection
        title = f"Edit {safe(c.name)}" if c else "Add a person"
        birthday = c.birthday.iso().removeprefix("--") if c and c.birthday else ""

        def text_input(name: str, value: str, placeholder: str = "", **kw: Any) -> Input:
            return Input(
                value=value,
                placeholder=placeholder,
                id=f"pf-{name}",
                compact=True,
                validate_on=["blur", "submitted"],
                **kw,
            )

        with Vertical(id="pf-dialog"):
            yield Label(Text(title), id="pf-title")
            with VerticalScroll(id="pf-fields", can_focus=False):
                yield Field(
                    "Name",
                    text_input(
                        "name",
                        c.name if c else "",
                        "First Last",
                        validators=[ModelValidator(_check_name, allow_blank=False)],
                    ),
                    name="name",
                )
                yield Field(
                    "How we know",
                    text_input("how", c.how_we_know if c else "", "met at PyCon 2024, ..."),
                    name="how",
                )
                yield Field(
                    "Company", text_input("company", c.company if c else ""), name="company"
                )
                yield Field(
                    "Position", text_input("position", c.position if c else ""), name="position"
                )
                yield Field("Email", text_input("email", c.email if c else ""), name="email")
                yield Field("Profile URL", text_input("url", c.url if c else ""), name="url")
                yield Field(
                    "Tags",
                    text_input("tags", ", ".join(c.tags) if c else "", "comma separated"),
                    name="tags",
                )
                yield Field(
                    "Birthday",
                    text_input(
                        "birthday",
                        birthday,
                        "YYYY-MM-DD or MM-DD",
                        validators=[ModelValidator(Birthday.parse)],
                    ),
                    name="birthday",
                )
                yield Field(
                    "Keep in touch",
                    text_input(
                        "cadence",
                        (c.cadence or "") if c else "",
                        "every 2w, 1m, 3m, 6m, 1y, or none",
                        validators=[ModelValidator(parse_cadence)],
                    ),
                    name="cadence",
                )
                yield Field(
                    "Connected on",
                    text_input(
                        "connected",
                        c.connected_on.isoformat() if c and c.connected_on else "",
                        "YYYY-MM-DD, yesterday, -3m...",
                        validators=[ModelValidator(self._parse_date)],
                    ),
                    name="connected",
                )
                yield Field(
                    "No bulk",
                    TickBox(
                        "asked to be left off bulk messages",
                        value=bool(c and c.no_bulk),
                        id="pf-no-bulk",
                        compact=True,
                    ),
                    name="no-bulk",
                )
                yield Field(
                    "Notes",
                    TextArea(c.notes if c else "", id="pf-notes", compact=True),
                    name="notes",
                )
            yield FieldError(id="pf-error")
            with Horizontal(id="pf-buttons"):
                yield Button("Save (ctrl+s)", variant="primary", id="pf-save", compact=True)
                yield Button("Cancel (esc)", id="pf-cancel", compact=True)
        yield QuietFooter()

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one("#pf-name", Input).focus()

    # --- validation ----------------------------------------------------------------------------

    def _today(self) -> date:
        return getattr(self.app, "today", None) or date.today()

    def _parse_date(self, value: str) -> date:
        return parse_date(value, self._today())

    def _fields(self) -> dict[str, Any] | None:
        """The validated field values, or None after showing every problem in place."""
        for inp in self.query(Input):
            show_input_error(inp)
        if not self.show_summary(force=True):
            return None  # the focus stays where the user is; the summary names the fields
        self.query_one("#pf-error", FieldError).show_error(None)

        def val(name: str) -> str:
            return self.query_one(f"#pf-{name}", Input).value

        first, last = split_name(val("name"))
        birthday = val("birthday").strip()
        connected = val("connected").strip()
        return {
            "first_name": first,
            "last_name": last,
            "how_we_know": val("how"),
            "company": val("company"),
            "position": val("position"),
            "email": val("email"),
            "url": val("url"),
            "tags": val("tags"),
            "birthday": Birthday.parse(birthday) if birthday else None,
            "cadence": val("cadence"),
            "connected_on": self._parse_date(connected) if connected else None,
            "no_bulk": self.query_one("#pf-no-bulk", TickBox).value,
            "notes": self.query_one("#pf-notes", TextArea).text,
        }

    # --- actions -------------------------------------------------------------------------------

    def action_save(self) -> None:
        ops: Operations | None = getattr(self.app, "ops", None)
        if ops is None:
            self.query_one("#pf-error", FieldError).show_error("still loading the data file")
            return
        fields = self._fields()
        if fields is None:
            return
        if self.connection is None:
            name = self.query_one("#pf-name", Input).value
            already = same_name(ops.store.connections, name)
            if already:
                self._ask_same_name(ops, fields, already)
                return
        self._write(ops, fields)

    def _ask_same_name(
        self, ops: Operations, fields: dict[str, Any], already: list[Connection]
    ) -> None:
        """Someone of that name is there already: add a second one, or go to them."""
        from screens.widgets.confirm import ChoiceScreen

        first = already[0]
        where = " at ".join(v for v in (first.position, first.company) if v)
        body = Text.assemble(
            (safe(first.name), "bold"),
            f" is already in your network ({first.id}{', ' + safe(where) if where else ''})"
            + (f" and {len(already) - 1} more of that name" if len(already) > 1 else "")
            + ". Add a second person of that name?",
        )

        def chosen(choice: str | None) -> None:
            if choice == "add":
                self._write(ops, fields)
            elif choice == "open":
                self.dismiss(None)
                jump = getattr(self.app, "jump_to_person", None)
                if callable(jump):
                    jump(first.id)

        self.app.push_screen(
            ChoiceScreen(
                "Same name",
                body,
                [("edit", "e  Keep editing"), ("open", "o  Open theirs"), ("add", "a  Add anyway")],
            ),
            chosen,
        )

    def _write(self, ops: Operations, fields: dict[str, Any]) -> None:
        try:
            if self.connection is None:
                conn = ops.add_person(**fields)
            else:
                conn = ops.edit_person(self.connection.id, **fields)
        except ValidationError as exc:
            self.query_one("#pf-error", FieldError).show_error(str(exc))
            return
        verb = "Added" if self.connection is None else "Saved"
        self.app.notify(f"{verb} {safe(conn.name)}.", markup=False, timeout=3)
        self.dismiss(conn)

    @on(Button.Pressed, "#pf-save")
    def _save_pressed(self) -> None:
        self.action_save()

    @on(Button.Pressed, "#pf-cancel")
    def _cancel_pressed(self) -> None:
        self.action_cancel()
