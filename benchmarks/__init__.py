"""The speed suite of issue 11: `python3 scripts/dev.py bench [--quick] [--suite]`.

Every figure runs alternately with its baseline (a floor app in this folder, or a goal in
milliseconds) in the same run; the table shows medians with their spread and the ratio.
"""
