"""The smallest and largest pay-what-you-want amount Polar takes, per currency (minor units).

The floors are what Stripe can charge (0.50 USD or its equivalent, with Polar's
own adjustments); the ceilings are 999,999.99 for most currencies and about
USD 1,000 worth for a few weak ones. Figures as listed by Polar.
"""

from __future__ import annotations

from typing import Final

DEFAULT_MINIMUM: Final = 50
DEFAULT_MAXIMUM: Final = 99_999_999

MINIMUMS: Final[dict[str, int]] = {
    "usd": 50, "aed": 200, "all": 5000, "amd": 20000, "aoa": 50000, "ars": 75000, "aud": 70,
    "awg": 100, "azn": 100, "bam": 100, "bbd": 200, "bdt": 7000, "bif": 2000, "bmd": 100,
    "bnd": 100, "bob": 500, "brl": 250, "bsd": 100, "bwp": 1000, "bzd": 200, "cad": 70,
    "cdf": 200000, "chf": 50, "clp": 500, "cny": 500, "cop": 200000, "crc": 30000, "cve": 5000,
    "czk": 1500, "djf": 100, "dkk": 320, "dop": 4000, "dzd": 7000, "egp": 3000, "etb": 8000,
    "eur": 50, "fjd": 200, "fkp": 100, "gbp": 40, "gel": 200, "gnf": 5000, "gip": 100,
    "gmd": 4000, "gtq": 500, "gyd": 20000, "hkd": 400, "hnl": 2000, "htg": 7000, "huf": 17500,
    "idr": 900000, "ils": 150, "inr": 6000, "isk": 7000, "jmd": 8000, "jpy": 80, "kes": 7000,
    "kgs": 5000, "khr": 300000, "kmf": 500, "krw": 800, "kyd": 100, "kzt": 30000,
    "lak": 2000000, "lkr": 20000, "lrd": 10000, "lsl": 1000, "mad": 500, "mdl": 1000,
    "mga": 3000, "mkd": 5000, "mnt": 200000, "mop": 500, "mur": 5000, "mvr": 800, "mxn": 900,
    "mwk": 100000, "myr": 200, "mzn": 5000, "nad": 1000, "ngn": 70000, "nio": 2000, "nok": 500,
    "npr": 8000, "nzd": 90, "pab": 100, "pen": 200, "pgk": 300, "php": 3500, "pkr": 20000,
    "pln": 200, "pyg": 4000, "qar": 200, "ron": 250, "rsd": 6000, "rwf": 1000, "sar": 200,
    "sbd": 400, "scr": 800, "sek": 500, "sgd": 70, "shp": 100, "sos": 50000, "srd": 2000,
    "szl": 1000, "thb": 2000, "tjs": 500, "top": 200, "try": 3000, "ttd": 400, "twd": 2000,
    "tzs": 200000, "uah": 3000, "ugx": 200000, "uyu": 2000, "uzs": 700000, "vnd": 20000,
    "vuv": 100, "wst": 200, "xaf": 500, "xcd": 200, "xcg": 100, "xof": 500, "xpf": 100,
    "yer": 20000, "zar": 900, "zmw": 1000,
}  # fmt: skip

MAXIMUMS: Final[dict[str, int]] = {
    "ars": 1_400_000_00, "cdf": 2_800_000_00, "cop": 4_000_000_00, "idr": 16_000_000_00,
    "khr": 4_000_000_00, "lak": 21_000_000_00, "mnt": 3_500_000_00, "mwk": 1_750_000_00,
    "ngn": 1_550_000_00, "tzs": 2_500_000_00, "ugx": 3_700_000_00, "uzs": 12_500_000_00,
}  # fmt: skip


def minimum_amount(currency: str) -> int:
    return MINIMUMS.get(currency.lower(), DEFAULT_MINIMUM)


def maximum_amount(currency: str) -> int:
    return MAXIMUMS.get(currency.lower(), DEFAULT_MAXIMUM)
