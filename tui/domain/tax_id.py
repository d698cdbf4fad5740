"""Tax ID validation that gives the same verdict as Polar's server.

Polar checks a customer's tax ID against the billing country. Every country it
knows has an ordered list of formats (Stripe's tax ID type names); the value is
tried against each in turn, the first format that accepts it wins, and what is
stored is the compact number that check returns. Most checks are
python-stdnum's; a handful are Polar's own, either a plain digit-count rule or
a stdnum check made more lenient where real registries issue numbers that
fail stdnum's checksum.

Polar lists some formats it has no check for (stdnum has no module of that
name and Polar adds no rule). Such a format never matches, so a country whose
formats are all of that kind rejects every value, and a country Polar does not
list at all rejects every value too.

Everything here is pure: no Textual, no HTTP.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from importlib import import_module
from types import MappingProxyType
from typing import Final, Protocol, cast

__all__ = ["InvalidTaxId", "checked_formats", "supported_tax_id_countries", "validate_tax_id"]


class InvalidTaxId(ValueError):
    """The value is not a tax ID Polar accepts for the billing country."""

    def __init__(self, value: str, country: str) -> None:
        # Same wording as the message of Polar's 422 at `customer_tax_id`.
        super().__init__("Invalid tax ID.")
        self.value = value
        self.country = country


# --------------------------------------------------------------------------
# Which formats each billing country accepts, in the order they are tried.
# --------------------------------------------------------------------------

EU_MEMBER_STATES: Final = (
    "AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "ES", "FI", "FR", "GR", "HR", "HU",
    "IE", "IT", "LT", "LU", "LV", "MT", "NL", "PL", "PT", "RO", "SE", "SI", "SK",
)  # fmt: skip

_COUNTRY_FORMATS: Final[Mapping[str, tuple[str, ...]]] = MappingProxyType(
    {
        # Any member state accepts any EU VAT number, not only its own.
        **dict.fromkeys(EU_MEMBER_STATES, ("eu_vat",)),
        "AD": ("ad_nrt",),
        "AE": ("ae_trn",),
        "AR": ("ar_cuit",),
        "AU": ("au_abn", "au_arn"),
        "BH": ("bh_vat",),
        "BO": ("bo_tin",),
        "BR": ("br_cnpj", "br_cpf"),
        "CA": ("ca_gst_hst", "ca_pst_bc", "ca_pst_mb", "ca_pst_sk", "ca_qst", "ca_bn"),
        "CH": ("ch_uid", "ch_vat"),
        "CL": ("cl_tin",),
        "CN": ("cn_tin",),
        "CO": ("co_nit",),
        "CR": ("cr_tin",),
        "DO": ("do_rcn",),
        "EC": ("ec_ruc",),
        "EG": ("eg_tin",),
        "GB": ("gb_vat",),
        "GE": ("ge_vat",),
        "HK": ("hk_br",),
        "ID": ("id_npwp",),
        "IL": ("il_vat",),
        "IN": ("in_gst",),
        "IS": ("is_vat",),
        "JP": ("jp_cn", "jp_rn", "jp_trn"),
        "KE": ("ke_pin",),
        "KR": ("kr_brn",),
        "KZ": ("kz_bin",),
        "LI": ("li_uid",),
        "MK": ("mk_vat",),
        "MU": ("mu_tan",),
        "MX": ("mx_rfc",),
        "MY": ("my_frp", "my_itn", "my_sst"),
        "NG": ("ng_tin",),
        "NO": ("no_vat", "no_voec"),
        "NZ": ("nz_gst",),
        "OM": ("om_vat",),
        "PE": ("pe_ruc",),
        "PH": ("ph_tin",),
        "RS": ("rs_pib",),
        "RU": ("ru_inn", "ru_kpp"),
        "SA": ("sa_vat",),
        "SG": ("sg_gst", "sg_uen"),
        "SV": ("sv_nit",),
        "TH": ("th_vat",),
        "TR": ("tr_tin",),
        "TW": ("tw_vat",),
        "UA": ("ua_vat",),
        "US": ("us_ein",),
        "UY": ("uy_ruc",),
        "VE": ("ve_rif",),
        "VN": ("vn_tin",),
        "ZA": ("za_vat",),
    }
)


# --------------------------------------------------------------------------
# How each format is checked.
#
# A check takes the trimmed input and returns the compact number, or raises a
# stdnum ValidationError. Formats absent from _CHECKS are ones Polar lists but
# cannot check; they never match.
# --------------------------------------------------------------------------

_Check = Callable[[str], str]


class _StdnumModule(Protocol):
    def compact(self, number: str) -> str: ...

    def validate(self, number: str) -> str: ...


def _stdnum(name: str) -> _StdnumModule:
    """The python-stdnum module `name` ("eu.vat"), imported the first time a number of its
    format is checked: stdnum and its modules load only for the countries typed for."""
    return cast(_StdnumModule, import_module(f"stdnum.{name}"))


def _validate(name: str) -> _Check:
    """stdnum's own check, from its module `name`."""

    def check(value: str) -> str:
        return _stdnum(name).validate(value)

    return check


def _compact_first(name: str) -> _Check:
    """Compact the value, then validate the result.

    stdnum's validate() compacts by itself; Polar compacts once more beforehand
    for these formats. The two differ only on odd input such as a doubled
    country prefix ("UYUY..."), which the extra pass strips.
    """

    def check(value: str) -> str:
        module = _stdnum(name)
        return module.validate(module.compact(value))

    return check


def _only_digits(text: str, length: int | tuple[int, ...]) -> str:
    """Require `text` to be all digits and of one of the given lengths."""
    from stdnum.exceptions import InvalidFormat, InvalidLength

    lengths = (length,) if isinstance(length, int) else length
    if len(text) not in lengths:
        raise InvalidLength()
    # str.isdigit rather than an ASCII test, as in Polar's own rules: digits of
    # other scripts pass too.
    if not text.isdigit():
        raise InvalidFormat()
    return text


_DROP_SPACE_HYPHEN_DOT: Final = str.maketrans("", "", " -.")


def _drop_separators(value: str) -> str:
    """Remove spaces, hyphens and dots, then any surrounding whitespace."""
    return value.translate(_DROP_SPACE_HYPHEN_DOT).strip()


def _check_ae_trn(value: str) -> str:
    """UAE Tax Registration Number: 15 digits."""
    return _only_digits(_drop_separators(value), 15)


def _check_ca_gst_hst(value: str) -> str:
    """Canadian GST/HST account: only the full 15-character business number.

    The bare 9-digit BN is left to the `ca_bn` format later in Canada's list.
    """
    from stdnum.exceptions import InvalidLength

    business_number = _stdnum("ca.bn")
    number = business_number.compact(value)
    if len(number) != 15:
        raise InvalidLength()
    return business_number.validate(number)


# Ecuador's SRI has issued company RUCs whose check digit does not follow the
# modulo-11 rule. Polar lets such a number through when it still has the shape
# of a company head-office RUC.
_EC_PROVINCES: Final = frozenset({f"{code:02d}" for code in range(1, 25)} | {"30"})


def _check_ec_ruc(value: str) -> str:
    """Ecuadorian RUC, forgiving a bad check digit on company numbers.

    stdnum only reports a bad checksum once the number is 13 ASCII digits with
    a known province, so at that point checking the parts below is enough:
    province 01-24 or 30 (abroad), third digit 9 (company) and establishment
    001 (head office).
    """
    from stdnum.exceptions import InvalidChecksum

    ruc = _stdnum("ec.ruc")
    number = ruc.compact(value)
    try:
        return ruc.validate(number)
    except InvalidChecksum:
        if number[:2] in _EC_PROVINCES and number[2] == "9" and number.endswith("001"):
            return number
        raise


def _check_ge_vat(value: str) -> str:
    """Georgian tax number: 9 or 11 digits, with an optional "GE" prefix."""
    number = _drop_separators(value)
    if number[:2].upper() == "GE":
        number = number[2:]
    return _only_digits(number, (9, 11))


def _check_hk_br(value: str) -> str:
    """Hong Kong Business Registration number: 8 digits.

    Whitespace, dots, hyphens and brackets are dropped anywhere: the check digit
    is often written in brackets, as in 1234567(8).
    """
    number = "".join(char for char in value if not (char.isspace() or char in ".()-"))
    return _only_digits(number, 8)


def _check_mu_tan(value: str) -> str:
    """Mauritius Tax Account Number: 8 digits starting with 2 or 3.

    Polar validates it but never passes it on to Stripe.
    """
    from stdnum.exceptions import InvalidComponent

    number = _only_digits(_drop_separators(value), 8)
    if number[0] not in "23":
        raise InvalidComponent()
    return number


def _check_tw_vat(value: str) -> str:
    """Taiwanese UBN, also accepting numbers issued under the 2023 rule.

    Since April 2023 the weighted digit sum need only be a multiple of 5
    (stdnum still wants a multiple of 10). When the seventh digit is 7 the sum
    plus one may be the multiple instead, as in the original rule.
    """
    from stdnum.exceptions import InvalidChecksum
    from stdnum.tw import ubn

    number = ubn.compact(value)
    try:
        return ubn.validate(number)
    except InvalidChecksum:
        # calc_checksum is the weighted digit sum modulo 10.
        total = ubn.calc_checksum(number)
        if total % 5 == 0 or (number[6] == "7" and (total + 1) % 5 == 0):
            return number
        raise


_CHECKS: Final[Mapping[str, _Check]] = MappingProxyType(
    {
        "ad_nrt": _validate("ad.nrt"),
        "ae_trn": _check_ae_trn,
        "ar_cuit": _validate("ar.cuit"),
        "au_abn": _validate("au.abn"),
        "br_cnpj": _validate("br.cnpj"),
        "br_cpf": _validate("br.cpf"),
        "ca_bn": _validate("ca.bn"),
        "ca_gst_hst": _check_ca_gst_hst,
        "ch_uid": _validate("ch.uid"),
        "ch_vat": _validate("ch.vat"),
        "cl_tin": _compact_first("cl.rut"),
        "co_nit": _compact_first("co.nit"),
        "cr_tin": _compact_first("cr.cpj"),
        "ec_ruc": _check_ec_ruc,
        "eu_vat": _validate("eu.vat"),
        "gb_vat": _validate("gb.vat"),
        "ge_vat": _check_ge_vat,
        "hk_br": _check_hk_br,
        "id_npwp": _validate("id.npwp"),
        # Israel: the personal ID number module, not stdnum's company one (il.hp).
        "il_vat": _compact_first("il.idnr"),
        "in_gst": _compact_first("in_.gstin"),
        "is_vat": _validate("is_.vsk"),
        "jp_cn": _validate("jp.cn"),
        "ke_pin": _validate("ke.pin"),
        "kr_brn": _validate("kr.brn"),
        "mk_vat": _compact_first("mk.edb"),
        "mu_tan": _check_mu_tan,
        "mx_rfc": _validate("mx.rfc"),
        "no_vat": _validate("no.mva"),
        "pe_ruc": _validate("pe.ruc"),
        "rs_pib": _validate("rs.pib"),
        "ru_inn": _validate("ru.inn"),
        "sg_uen": _validate("sg.uen"),
        "sv_nit": _validate("sv.nit"),
        "th_vat": _validate("th.moa"),
        "tr_tin": _compact_first("tr.vkn"),
        "tw_vat": _check_tw_vat,
        "us_ein": _validate("us.ein"),
        "uy_ruc": _compact_first("uy.rut"),
        "ve_rif": _validate("ve.rif"),
        "vn_tin": _compact_first("vn.mst"),
    }
)

_MOST_LETTERS_AND_DIGITS: Final = 40
"""More letters and digits than any number of a format above can have: the longest has 16
(El Salvador's NIT with its prefix) and no check drops more than a prefix or a suffix. A
value with more is refused without asking stdnum, whose character-by-character clean-up
would otherwise cost a long value time on every key."""
_NOT_LETTER_OR_DIGIT: Final = re.compile(r"[^A-Za-z0-9]")

_SUPPORTED_COUNTRIES: Final = frozenset(
    country
    for country, formats in _COUNTRY_FORMATS.items()
    if any(name in _CHECKS for name in formats)
)


# --------------------------------------------------------------------------
# Public API
# --------------------------------------------------------------------------


def validate_tax_id(value: str, country: str) -> tuple[str, str]:
    """Check `value` as a tax ID for billing country `country`, as Polar does.

    `country` is an upper-case ISO 3166-1 alpha-2 code. The value is trimmed
    first; Polar trims it too, and treats an empty value as no tax ID at all,
    which callers should handle before getting here.

    Returns the compact number and the name of the format that accepted it,
    e.g. ``("ATU57194903", "eu_vat")``. Raises InvalidTaxId when no format of
    the country accepts the value, or Polar lists no formats for the country.
    """
    from stdnum.exceptions import ValidationError

    trimmed = value.strip()
    if len(_NOT_LETTER_OR_DIGIT.sub("", trimmed)) > _MOST_LETTERS_AND_DIGITS:
        raise InvalidTaxId(trimmed, country)
    for format_name in _COUNTRY_FORMATS.get(country, ()):
        check = _CHECKS.get(format_name)
        if check is None:
            continue
        try:
            return check(trimmed), format_name
        except ValidationError:
            continue
    raise InvalidTaxId(trimmed, country)


def supported_tax_id_countries() -> frozenset[str]:
    """Countries for which Polar can accept some tax ID.

    Countries Polar lists whose formats it has no check for are left out: it
    rejects every value for them.
    """
    return _SUPPORTED_COUNTRIES


def checked_formats(country: str) -> tuple[str, ...]:
    """The formats Polar can check for billing country `country`, in the order it tries
    them, e.g. ``("ca_gst_hst", "ca_bn")``; empty when it accepts no tax ID there."""
    return tuple(name for name in _COUNTRY_FORMATS.get(country, ()) if name in _CHECKS)
