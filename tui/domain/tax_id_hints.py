"""The line under the tax ID field: what the billing country takes, or whose number was typed.

`accepted_formats` names each format Polar can check for a country, as people call it, with
one valid example written the way people type it. `tax_id_hint` turns that into one short
line, or, when the value is refused for the billing country but is a valid number of another
country, says which. It runs on every keystroke, so the other countries are narrowed by the
value's shape (letters, prefix, length) before any is checked.

Everything here is pure: no Textual, no HTTP.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Final

from tui.domain import regions
from tui.domain.tax_id import InvalidTaxId, checked_formats, validate_tax_id

__all__ = ["NEEDS_COUNTRY", "TaxIdFormat", "accepted_formats", "tax_id_hint"]

NEEDS_COUNTRY: Final = "Pick the country first: accepted tax IDs depend on it."


@dataclass(frozen=True, slots=True)
class TaxIdFormat:
    """A format Polar accepts for a billing country."""

    country: str
    """The country whose format it is (for an EU VAT number, the member state)."""
    format: str
    """Polar's (Stripe's) name of the format: "eu_vat", "us_ein"."""
    name: str
    """What people call it anywhere: "German VAT", "US EIN"."""
    short: str
    """What people call it in its own country: "EIN"; an EU VAT number keeps its country
    ("German VAT"), as a member state also takes the others' numbers."""
    example: str
    """A valid number, written as people type it: "DE136695976", "12-3456789"."""


@dataclass(frozen=True, slots=True)
class _Country:
    adjective: str
    """How a format's name starts: "German", "US", "UK"."""
    shape: str | None
    """The shape of its numbers with case and separators dropped, for telling whose number
    was typed; None when a number of the right length passes, so nothing can tell."""
    digits: int = 0
    """The longest of its numbers that can be written in digits alone, 0 when none can."""


# The countries whose tax IDs Polar can check, in the order a typed number is claimed for
# one of them when several would take it: a prefix first (EU VAT), then other letters, then
# digits alone: the US EIN, the most common, then shapes narrowed by their leading digits,
# then the stronger checksums, and Colombia's 8 to 16 digits last.
_COUNTRIES: Final[Mapping[str, _Country]] = MappingProxyType(
    {
        "AT": _Country("Austrian", "AT[0-9A-Z]+"),
        "BE": _Country("Belgian", "BE[0-9A-Z]+"),
        "BG": _Country("Bulgarian", "BG[0-9A-Z]+"),
        "CY": _Country("Cypriot", "CY[0-9A-Z]+"),
        "CZ": _Country("Czech", "CZ[0-9A-Z]+"),
        "DE": _Country("German", "DE[0-9A-Z]+"),
        "DK": _Country("Danish", "DK[0-9A-Z]+"),
        "EE": _Country("Estonian", "EE[0-9A-Z]+"),
        "ES": _Country("Spanish", "ES[0-9A-Z]+"),
        "FI": _Country("Finnish", "FI[0-9A-Z]+"),
        "FR": _Country("French", "FR[0-9A-Z]+"),
        "GR": _Country("Greek", "(EL|GR)[0-9A-Z]+"),
        "HR": _Country("Croatian", "HR[0-9A-Z]+"),
        "HU": _Country("Hungarian", "HU[0-9A-Z]+"),
        "IE": _Country("Irish", "IE[0-9A-Z]+"),
        "IT": _Country("Italian", "IT[0-9A-Z]+"),
        "LT": _Country("Lithuanian", "LT[0-9A-Z]+"),
        "LU": _Country("Luxembourg", "LU[0-9A-Z]+"),
        "LV": _Country("Latvian", "LV[0-9A-Z]+"),
        "MT": _Country("Maltese", "MT[0-9A-Z]+"),
        "NL": _Country("Dutch", "NL[0-9A-Z]+"),
        "PL": _Country("Polish", "PL[0-9A-Z]+"),
        "PT": _Country("Portuguese", "PT[0-9A-Z]+"),
        "RO": _Country("Romanian", "RO[0-9A-Z]+"),
        "SE": _Country("Swedish", "SE[0-9A-Z]+"),
        "SI": _Country("Slovenian", "SI[0-9A-Z]+"),
        "SK": _Country("Slovak", "SK[0-9A-Z]+"),
        "NO": _Country("Norwegian", r"(NO)?\d{9}MVA"),
        "IN": _Country("Indian", r"\d\d[0-9A-Z]{13}"),
        "MX": _Country("Mexican", r"[A-Z&Ñ]{3,4}\d{6}[0-9A-Z]{0,3}"),
        "SG": _Country("Singapore", r"\d{8,9}[A-Z]|[RST]\d\d[A-Z]{2}\d{4}[0-9A-Z]"),
        "KE": _Country("Kenyan", r"[AP]\d{9}[A-Z]"),
        "AD": _Country("Andorran", r"[A-Z]\d{6}[A-Z]"),
        "VE": _Country("Venezuelan", r"[VEJPG]\d{9}"),
        "US": _Country("US", r"\d{9}", 9),
        "CR": _Country("Costa Rican", r"[2-5]\d{9}", 10),
        "PE": _Country("Peruvian", r"(10|15|17|20)\d{9}", 11),
        "UY": _Country("Uruguayan", r"(UY){0,2}\d{12}", 12),
        "EC": _Country("Ecuadorian", r"(0[1-9]|1\d|2[0-4]|30|50)\d{11}", 13),
        "SV": _Country("Salvadoran", r"(SV)?[019]\d{13}", 14),
        "TH": _Country("Thai", r"0\d{12}", 13),
        "AR": _Country("Argentine", r"(2[0347]|3[034]|5[015])\d{9}", 11),
        "AU": _Country("Australian", r"\d{11}", 11),
        "CA": _Country("Canadian", r"\d{9}(R[CMPT]\d{4})?", 9),
        "GB": _Country("UK", r"(GB|XI)?(\d{9}|\d{12}|(GD|HA)(8888\d\d)?\d{3})", 12),
        "CH": _Country("Swiss", r"(CHE)?\d{9}|CHE\d{9}(MWST|TVA|IVA|TPV)", 9),
        "JP": _Country("Japanese", r"\d{13}", 13),
        "BR": _Country("Brazilian", r"\d{11}|[0-9A-Z]{12}\d\d", 14),
        "TW": _Country("Taiwanese", r"\d{8}", 8),
        "TR": _Country("Turkish", r"\d{10}", 10),
        "RU": _Country("Russian", r"\d{10}|\d{12}", 12),
        "MK": _Country("North Macedonian", r"(MK|\u041c\u041a)?\d{13}", 13),  # Latin or Cyrillic
        "RS": _Country("Serbian", r"\d{9}", 9),
        "VN": _Country("Vietnamese", r"\d{10}|\d{13}", 13),
        "CL": _Country("Chilean", r"(CL)?\d{7,8}[0-9K]", 9),
        "IL": _Country("Israeli", r"\d{8,9}", 9),
        "ID": _Country("Indonesian", r"\d{15,16}", 16),
        "CO": _Country("Colombian", r"\d{8,16}", 16),
        "AE": _Country("UAE", None, 15),
        "GE": _Country("Georgian", None, 11),
        "HK": _Country("Hong Kong", None, 8),
        "IS": _Country("Icelandic", None, 6),
        "KR": _Country("South Korean", None, 10),
        "MU": _Country("Mauritian", None, 8),
    }
)

_SHAPES: Final = tuple(
    (code, re.compile(country.shape)) for code, country in _COUNTRIES.items() if country.shape
)

_EU_VAT_EXAMPLES: Final[Mapping[str, str]] = MappingProxyType(
    {
        "AT": "ATU13585627", "BE": "BE0403019261", "BG": "BG175074752", "CY": "CY10259033P",
        "CZ": "CZ25123891", "DE": "DE136695976", "DK": "DK13585628", "EE": "EE100931558",
        "ES": "ESB58378431", "FI": "FI20774740", "FR": "FR40303265045", "GR": "EL094259216",
        "HR": "HR33392005961", "HU": "HU12892312", "IE": "IE6433435F", "IT": "IT00743110157",
        "LT": "LT119511515", "LU": "LU15027442", "LV": "LV40003521600", "MT": "MT11679112",
        "NL": "NL004495445B01", "PL": "PL8567346215", "PT": "PT501964843", "RO": "RO18547290",
        "SE": "SE123456789701", "SI": "SI50223054", "SK": "SK2022749619",
    }
)  # fmt: skip

# Every other format: what people call it in its country, and an example.
_FORMATS: Final[Mapping[str, tuple[str, str]]] = MappingProxyType(
    {
        "ad_nrt": ("NRT", "U-132950-X"),
        "ae_trn": ("TRN", "100123456789012"),
        "ar_cuit": ("CUIT", "20-05536168-2"),
        "au_abn": ("ABN", "51 824 753 556"),
        "br_cnpj": ("CNPJ", "16.727.230/0001-97"),
        "br_cpf": ("CPF", "390.533.447-05"),
        "ca_bn": ("BN", "123026635"),
        "ca_gst_hst": ("GST/HST", "123026635 RT0001"),
        "ch_uid": ("UID", "CHE-100.155.212"),
        "ch_vat": ("VAT", "CHE-100.155.212 MWST"),
        "cl_tin": ("RUT", "76.086.428-5"),
        "co_nit": ("NIT", "213.123.432-1"),
        "cr_tin": ("CPJ", "3-101-999999"),
        "ec_ruc": ("RUC", "1792060346001"),
        "gb_vat": ("VAT", "GB980780684"),
        "ge_vat": ("VAT", "204470740"),
        "hk_br": ("BR", "12345678"),
        "id_npwp": ("NPWP", "01.312.166.0-091.000"),
        "il_vat": ("VAT", "039337423"),
        "in_gst": ("GSTIN", "27AAPFU0939F1ZV"),
        "is_vat": ("VAT", "00621"),
        "jp_cn": ("Corporate Number", "5835678256246"),
        "ke_pin": ("PIN", "P051365947M"),
        "kr_brn": ("BRN", "116-82-00276"),
        "mk_vat": ("VAT", "MK4030000375897"),
        "mu_tan": ("TAN", "20123456"),
        "mx_rfc": ("RFC", "MAB9307148T4"),
        "no_vat": ("VAT", "NO995525828MVA"),
        "pe_ruc": ("RUC", "20512333797"),
        "rs_pib": ("PIB", "101134702"),
        "ru_inn": ("INN", "7707083893"),
        "sg_uen": ("UEN", "197401143C"),
        "sv_nit": ("NIT", "0614-050707-104-8"),
        "th_vat": ("VAT", "0994000617721"),
        "tr_tin": ("VKN", "4540536920"),
        "tw_vat": ("UBN", "00501503"),
        "us_ein": ("EIN", "12-3456789"),
        "uy_ruc": ("RUT", "21-100342-001-7"),
        "ve_rif": ("RIF", "V-11470283-4"),
        "vn_tin": ("MST", "0100233488"),
    }
)

_NOT_PART: Final = re.compile(r"[^\w&]|_")


def _squeeze(value: str) -> str:
    """The value as shapes see it: upper case, without the separators, brackets and other
    punctuation that formats drop ("&" stays, for Mexico's RFC)."""
    return _NOT_PART.sub("", value.upper())


def _format(country: str, format_name: str) -> TaxIdFormat:
    adjective = _COUNTRIES[country].adjective
    if format_name == "eu_vat":
        name = f"{adjective} VAT"
        return TaxIdFormat(country, format_name, name, name, _EU_VAT_EXAMPLES[country])
    short, example = _FORMATS[format_name]
    return TaxIdFormat(country, format_name, f"{adjective} {short}", short, example)


def accepted_formats(country: str) -> list[TaxIdFormat]:
    """The formats Polar accepts for billing country `country`, in the order it tries them.

    An EU member state's one format is its own VAT number ("German VAT"), though it takes
    any member state's. Empty when Polar accepts no tax ID for the country.
    """
    return [_format(country, name) for name in checked_formats(country)]


def _claim(value: str, billing: str) -> TaxIdFormat | None:
    """The other country's format that accepts a value the billing country refuses.

    Digits alone that may still grow into one of the billing country's numbers are no
    one else's yet: typing a Brazilian CPF passes through nine digits, a Swiss UID.
    """
    try:
        validate_tax_id(value, billing)
    except InvalidTaxId:
        pass
    else:
        return None
    squeezed = _squeeze(value)
    own = _COUNTRIES.get(billing)
    if own is not None and squeezed.isdigit() and len(squeezed) < own.digits:
        return None
    for country, shape in _SHAPES:
        if not shape.fullmatch(squeezed):
            continue
        try:
            _, format_name = validate_tax_id(value, country)
        except InvalidTaxId:
            continue
        return _format(country, format_name)
    return None


def _name(country: str) -> str:
    """A country's English name: "United States"."""
    return regions.region_name(regions.supported_countries(), country)


def _a(name: str) -> str:
    """The article before a name: "an Australian ABN", "a US EIN", "a UK VAT number"."""
    return "an" if name[0] in "AEIO" else "a"


def tax_id_hint(country: str | None, value: str) -> str:
    """The line under the tax ID field for billing country `country` (an alpha-2 code, or
    None before one is chosen) and the text typed.

    It lists what the country accepts, with an example of each; when the value is refused
    for the country but is a valid number of another, it says whose.
    """
    if not country:
        return NEEDS_COUNTRY
    claimed = _claim(value, country) if value.strip() else None
    if claimed is not None:
        noun = f"{claimed.name} number" if claimed.name.endswith(" VAT") else claimed.name
        return f"This is {_a(noun)} {noun}; the billing country is {_name(country)}."
    formats = accepted_formats(country)
    if not formats:
        return f"Polar accepts no tax ID for {_name(country)}."
    listed = ", ".join(f"{entry.short} ({entry.example})" for entry in formats)
    others = " or any EU VAT number" if formats[0].format == "eu_vat" else ""
    return f"Accepted: {listed}{others}"
