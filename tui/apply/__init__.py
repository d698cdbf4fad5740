"""`polar-checkout apply`: the checkout form without a screen, for support.

`values` reads `--set FIELD=VALUE`; `plan` types the values into the form's own state
(`tui.domain.form.FormState`), so the local rules and the minimal PATCH body are the form's;
`report` turns changes, totals and the stored session into text with every secret masked;
`run` talks to Polar and decides the exit status, `retry` waiting out a 429 for it; `cli` is
the subcommand. No Textual.
"""
