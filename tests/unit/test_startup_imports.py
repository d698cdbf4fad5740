"""Starting the app for a real session, or for a remote emulator, must not load the emulator;
the tax ID rules load per country, when a tax ID is typed."""

from __future__ import annotations

import subprocess
import sys

from tui.demo import Demo

_OPEN_THEN_TYPE = """
import sys
from tui.cli import open_launch, parse_args
from tui.tapes.cli import SessionTapes
from tui.domain.form import FormState
from tui.polar.models import CheckoutPublic

def report(stage):
    countries = {m.split(".")[1] for m in sys.modules if m.startswith("stdnum.")}
    print(stage, ",".join(sorted(c for c in countries if len(c) == 2 or c.endswith("_"))))

args = parse_args(["polar_c_" + "x" * 43, "--server", "http://127.0.0.1:9", "--no-live"])
SessionTapes().app(open_launch(args, {}))
print("heavy", ",".join(sorted(m for m in sys.modules if m.split(".")[0] in {"fastapi", "uvicorn"}
      or m.startswith("tui.emulator"))))
form = FormState()
business = {"status": "open", "is_business_customer": True,
            "customer_billing_address": {"country": "DE"}}
form.loaded(CheckoutPublic.model_validate(business), form.send())
form.view()
report("filled")
for end in range(1, len("DE136695976") + 1):
    form.edit("customer_tax_id", "DE136695976"[:end])
    form.view()
report("typed")
"""


def test_open_loads_no_emulator_and_tax_id_rules_only_for_the_country_typed_for() -> None:
    """What `open` imports to build its app, then a German business filled in and its VAT
    number typed key by key: the emulator's server is never loaded, and python-stdnum's
    country modules only once a tax ID is typed, only that country's (Germany's, and the
    EU's VAT rules that cover it)."""
    result = subprocess.run(
        [sys.executable, "-c", _OPEN_THEN_TYPE], capture_output=True, text=True, check=True
    )
    assert result.stdout.splitlines() == ["heavy ", "filled ", "typed de,eu"]


def test_demo_on_a_remote_emulator_never_loads_the_emulator(demo: Demo) -> None:
    """`demo --server URL` opens a session of an emulator running elsewhere, headless."""
    probe = (
        "import sys; from tui.cli import main;"
        f"code = main(['demo', '--server', {demo.base_url!r}, '--smoke']);"
        "loaded = sorted(m for m in sys.modules if m.split('.')[0] in {'fastapi', 'uvicorn'}"
        " or m.startswith('tui.emulator'));"
        "print('loaded:', ','.join(loaded)); sys.exit(code)"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, timeout=60, check=False
    )
    assert result.returncode == 0, result.stderr
    assert "smoke: Fieldnotes Pro: total $49.00" in result.stdout
    assert "loaded: \n" in result.stdout
