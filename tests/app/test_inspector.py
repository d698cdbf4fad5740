"""F6 shows the session's JSON as the server sent it, every secret masked, with a search;
it follows the session while open."""

from __future__ import annotations

import json

from tests.support import ScriptedPolar, mock_app, paste, screen_text, wait_loaded, wait_until
from tests.unit.test_one_redactor import PLANTED, planted_session
from tui.emulator.model.clock import FrozenClock
from tui.polar.models import CheckoutPublic
from tui.screens.inspector import InspectorScreen


async def test_the_inspector_shows_the_session_masked_finds_text_and_follows(
    clock: FrozenClock,
) -> None:
    polar = ScriptedPolar(planted_session())
    async with mock_app(polar.transport(), clock).run_test(size=(100, 40)) as pilot:
        checkout = await wait_loaded(pilot)
        titles = [command.title for command in checkout.palette_commands()]
        assert "Session inspector" in titles
        await pilot.press("f6")
        await wait_until(pilot, lambda: isinstance(pilot.app.screen, InspectorScreen))
        inspector = pilot.app.screen
        assert isinstance(inspector, InspectorScreen)
        text = screen_text(pilot)
        assert '  "status": "open",' in text
        assert '  "client_secret": "polar_c_…OpA5",' in text
        await paste(pilot, "fieldnotes")
        text = screen_text(pilot)
        assert "1 of 4" in text
        assert '"name": "Fieldnotes Pro",' in text
        await pilot.press("enter", "down", "down")
        assert "4 of 4" in screen_text(pilot)
        await pilot.press("up")
        assert "3 of 4" in screen_text(pilot)
        await pilot.press("ctrl+u")
        await paste(pilot, "_client")
        assert '"intent_client_secret": "pi_…_secret_…"' in screen_text(pilot)
        for shown in (screen_text(pilot), inspector.shown):
            assert [secret for secret in PLANTED if secret in shown] == []

        polar.session["customer_name"] = "Grace [b]Hopper[/b]"
        checkout.load_session()
        await wait_until(pilot, lambda: '"Grace [b]Hopper[/b]"' in inspector.shown)
        await pilot.press("escape")
        assert pilot.app.screen is checkout

        # F6 just as an answer arrives: the inspector, not drawn yet, shows that answer.
        received = checkout.session.received if checkout.session is not None else None
        assert received is not None
        body = json.dumps(json.loads(received.body) | {"customer_name": "Ada"}).encode()
        answer = CheckoutPublic.model_validate_json(body).arrived(body, clock.now())
        checkout.action_inspect()
        fresh = pilot.app.screen_stack[-1]
        assert isinstance(fresh, InspectorScreen)
        fresh.show_session(answer)
        await wait_until(pilot, lambda: pilot.app.screen is fresh)
        await pilot.pause()
        assert '"customer_name": "Ada"' in fresh.shown
