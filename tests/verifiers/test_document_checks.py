"""One document's checks together: the accreditation date when no issue date is printed."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from extractors.types import Box, FieldValue
from verifiers.document_checks import Applicant, DocumentVerdict, Registers, verify_document
from verifiers.registry import CertificateRecord, Organization

from .helpers import extraction

ORG = Organization("ORG-1", "ТОО «Учебный центр MedSkills»", (), "123456789012", "KZ", "Алматы",
                   date(2015, 1, 1), date(2020, 12, 31), False)


@pytest.mark.parametrize(("end", "flagged"), [("2022-03-04", True), ("2019-03-04", False)])
def test_a_seminar_without_issue_date_is_checked_on_its_last_day(end: str, flagged: bool) -> None:
    seminar = extraction("seminar", holder_name="Иванова Анна", cert_number="S-1", issuer=ORG.name, hours=8,
                         start_date=end[:-2] + "03", end_date=end)
    verdict = verify_document(seminar, Applicant(("Иванова Анна",), date(2023, 1, 10)), Registers([ORG], []),
                              today=date(2023, 1, 10))
    assert verdict.issuer_org_id == "ORG-1"
    assert any(flag.code == "ISSUER_NOT_ACCREDITED" for flag in verdict.flags) is flagged


def test_another_header_line_that_names_a_registered_issuer_is_taken() -> None:
    org = Organization("ORG-13", "Республиканский центр развития здравоохранения", ("РЦРЗ",), "1", "KZ",
                       "Астана", date(2015, 1, 1), None, True)
    alternative = FieldValue("РЦРЗ", 0.8, 1, Box(10, 10, 80, 20))
    read = replace(extraction("specialist_certificate", holder_name="Иванова Анна", cert_number="KZ1",
                              issuer="продолжительностью 144 часа", issue_date="2024-01-10"),
                   issuer_alternatives=(FieldValue("ТОО «Неизвестный центр»", 0.9), alternative))
    verdict = verify_document(read, None, Registers([org], []), today=date(2024, 2, 1))
    assert verdict.issuer_org_id == "ORG-13" and verdict.issuer == alternative
    assert not any(flag.code == "ISSUER_UNKNOWN" for flag in verdict.flags)


def test_without_a_registered_alternative_the_read_issuer_is_unknown() -> None:
    read = replace(extraction("seminar", issuer="ТОО «Учебный центр Медикус»", issue_date="2024-01-10"),
                   issuer_alternatives=(FieldValue("РЦРЗ", 0.8),))
    verdict = verify_document(read, None, Registers([ORG], []), today=date(2024, 2, 1))
    assert verdict.issuer_org_id is None and verdict.issuer is None
    assert [flag.code for flag in verdict.flags if flag.code == "ISSUER_UNKNOWN"] == ["ISSUER_UNKNOWN"]


@pytest.mark.parametrize(("read", "shown"), [
    ("Charite - Universitatsmedizin Berlin", "Charité – Universitätsmedizin Berlin"),  # accents, dash style
    ("Charité Universitätsmedizin Berlin", "Charité – Universitätsmedizin Berlin"),  # the dash lost
    ("Charité, – Universitätsmedizin Berlin.", "Charité – Universitätsmedizin Berlin"),  # stray comma and stop
    ("\"Charité – Universitätsmedizin Berlin\"", "Charité – Universitätsmedizin Berlin"),  # quotes
    ("Charité – Universitätsmedizin Berlln", "Charité – Universitätsmedizin Berlin"),  # a letter misread
    ("Charité – Universitaétsmedizin Berlin", "Charité – Universitätsmedizin Berlin"),  # a letter too many
    ("Charité – Univrsitatsmedzn Berlin", "Charité – Univrsitatsmedzn Berlin"),  # three letters: as read
    ("Сharité – Univеrsitätsmеdizin Berlin", "Charité – Universitätsmedizin Berlin"),  # Cyrillic С and е
    ("Charité – Universitäts medizin Berlin", "Charité – Universitätsmedizin Berlin"),  # a space inside a word
])
def test_an_issuer_read_without_its_accents_is_spelt_as_registered(read: str, shown: str) -> None:
    org = Organization("ORG-20", "Charité – Universitätsmedizin Berlin", (), "", "DE", "Berlin",
                       date(2015, 1, 1), None, False)
    document = extraction("seminar", issuer=read, issue_date="2024-01-10")
    verdict = verify_document(document, None, Registers([org], []), today=date(2024, 2, 1))
    assert verdict.issuer_org_id == "ORG-20"
    assert (verdict.issuer.value if verdict.issuer else read) == shown


@pytest.mark.parametrize(("read", "shown"), [
    ("«Семеи медицина университеті» КЕАК", "«Семей медицина университеті» КЕАҚ"),  # й, Қ lost their marks
    ("«Семей медицина университеті» кеақ", "«Семей медицина университеті» КЕАҚ"),  # capitals read small
    ("«Семей медицина университет?» ІКЕАҚ", "«Семей медицина университеті» КЕАҚ"),  # two letters misread
])
def test_a_kazakh_issuer_read_without_its_letters_marks_is_spelt_as_registered(read: str, shown: str) -> None:
    org = Organization("ORG-4", "«Семей медицина университеті» КЕАҚ", (), "", "KZ", "Семей",
                       date(2015, 1, 1), None, False)
    verdict = verify_document(extraction("seminar", issuer=read, issue_date="2024-01-10"), None,
                              Registers([org], []), today=date(2024, 2, 1))
    assert verdict.issuer_org_id == "ORG-4"
    assert (verdict.issuer.value if verdict.issuer else read) == shown


def test_a_translation_names_its_originals_issuer_as_registered_without_checking_it() -> None:
    # matched (the contract's issuer_org_id), yet not checked: neither accreditation (ORG-20 reports nothing and
    # is no Kazakh organization) nor the register; the original answers for them
    org = Organization("ORG-20", "Charité – Universitätsmedizin Berlin", (), "", "DE", "Berlin",
                       date(2015, 1, 1), None, False)
    document = extraction("translation", issuer="Charite - Universitatsmedizin Berlin", issue_date="2024-01-10")
    verdict = verify_document(document, None, Registers([org], []), today=date(2024, 2, 1))
    assert verdict.issuer is not None and verdict.issuer.value == "Charité – Universitätsmedizin Berlin"
    assert verdict.issuer_org_id == "ORG-20" and not verdict.flags
    unknown = extraction("translation", issuer="Unknown Academy of Everything", issue_date="2024-01-10")
    assert not verify_document(unknown, None, Registers([org], []), today=date(2024, 2, 1)).flags


def test_a_holder_read_with_a_misread_letter_is_given_in_the_applicants_spelling() -> None:
    read = extraction("seminar", holder_name="Кузнеиова Елена", issuer="ТОО «Неизвестный центр»",
                      issue_date="2024-01-10")
    applicant = Applicant(("Кузнецова Елена",), date(2024, 2, 1))
    verdict = verify_document(read, applicant, Registers([ORG], []), today=date(2024, 2, 1))
    assert verdict.holder is not None and verdict.holder.value == "Кузнецова Елена"
    assert verdict.issuer is None and not any(flag.code == "HOLDER_MISMATCH" for flag in verdict.flags)
    other = verify_document(replace(read, fields={**read.fields, "holder_name": FieldValue("Петрова Анна", 0.9)}),
                            applicant, Registers([ORG], []), today=date(2024, 2, 1))
    assert other.holder is None and any(flag.code == "HOLDER_MISMATCH" for flag in other.flags)


def test_a_holder_read_unsurely_as_the_applicants_own_name_is_confirmed_by_it() -> None:
    # «IULIIA» read at 0.31 for IULIIA SEMENOVA (genuine translated certificate, fraud seed 49090)
    read = extraction("seminar", holder_name="IULIIA SEMENOVA", issuer="ТОО «Неизвестный центр»",
                      issue_date="2024-01-10")
    read = replace(read, fields={**read.fields, "holder_name": FieldValue("IULIIA SEMENOVA", 0.51)})
    applicant = Applicant(("Семенова Юлия Сергеевна", "SEMENOVA IULIIA"), date(2024, 2, 1))
    assert verify_document(read, applicant, Registers([ORG], []), today=date(2024, 2, 1)).holder_confirmed
    other = Applicant(("Семенова Юлия Сергеевна", "SEMENOVA YULIYA"), date(2024, 2, 1))
    assert not verify_document(read, other, Registers([ORG], []), today=date(2024, 2, 1)).holder_confirmed
    assert not verify_document(read, None, Registers([ORG], []), today=date(2024, 2, 1)).holder_confirmed


def test_an_issuer_the_register_names_with_next_to_no_doubt_is_confirmed() -> None:
    org = Organization("ORG-20", "Charité – Universitätsmedizin Berlin", (), "", "DE", "Berlin",
                       date(2015, 1, 1), None, False)
    registers = Registers([org], [])

    def verdict(read: str) -> DocumentVerdict:
        return verify_document(extraction("seminar", issuer=read, issue_date="2024-01-10"), None, registers,
                               today=date(2024, 2, 1))
    close = verdict("Charité — Universitaétsmedizin Berlin")
    assert close.issuer_org_id == "ORG-20" and close.issuer_confirmed
    loose = verdict("Charite Universitaetsmedizin Bernau")  # matched, but another word: a reviewer looks
    assert loose.issuer_org_id == "ORG-20" and not loose.issuer_confirmed
    assert not verdict("ТОО «Учебный центр Медикус»").issuer_confirmed


def test_a_printed_bin_identifies_an_issuer_whose_name_ocr_garbled_but_never_another_name() -> None:
    medskills = Organization("ORG-16", "ТОО «Учебный центр MedSkills»", (), "020340156739", "KZ", "Алматы",
                             date(2015, 1, 1), None, False)
    registers = Registers([medskills, ORG], [])

    def verdict(read: str, bins: tuple[str, ...]) -> DocumentVerdict:
        found = replace(extraction("seminar", issuer=read, issue_date="2024-01-10"), business_ids=bins)
        return verify_document(found, None, registers, today=date(2024, 2, 1))
    garbled = verdict("ТОО «Учебный центр МеЯ$КИ$»", ("020340156739",))
    assert garbled.issuer_org_id == "ORG-16" and garbled.issuer_confirmed
    assert garbled.issuer is not None and garbled.issuer.value == "ТОО «Учебный центр MedSkills»"
    assert not any(flag.code == "ISSUER_UNKNOWN" for flag in garbled.flags)
    # without the BIN, or with another organization's name over it, the issuer stays unknown
    for read, bins in (("ТОО «Учебный центр МеЯ$КИ$»", ()), ("ТОО «Медицинский центр Шипагер»", ("020340156739",)),
                       ("ТОО «Учебный центр МеЯ$КИ$»", ("020340156730",))):
        other = verdict(read, bins)
        assert other.issuer_org_id is None and any(flag.code == "ISSUER_UNKNOWN" for flag in other.flags)


def test_an_issuer_the_certificate_register_names_for_the_number_and_holder_is_read_past_a_misread_letter() -> None:
    # fraud 31212: the abbreviation «ННМЦ» read «ННМП» matched no organization
    nnmc = Organization("ORG-8", "АО «Национальный научный медицинский центр»", ("ННМЦ",), "1", "KZ", "Астана",
                        date(2015, 1, 1), None, True)
    record = CertificateRecord("0094155", "ORG-8", "880514450128", "Есенжолова Гүлжан Төлеуқызы", "Кардиология",
                               72, date(2024, 3, 1), date(2024, 3, 12), date(2024, 3, 14), "valid")
    registers = Registers([nnmc, ORG], [record])

    def verdict(issuer: str, number: str = "0094155", holder: str = "Есенжолова Гүлжан") -> DocumentVerdict:
        read = extraction("internship", holder_name=holder, cert_number=number, issuer=issuer, hours=72,
                          start_date="2024-03-01", end_date="2024-03-12", issue_date="2024-03-14")
        return verify_document(read, None, registers, today=date(2024, 4, 1))
    found = verdict("ННМП")
    assert found.issuer_org_id == "ORG-8" and found.issuer is not None and found.issuer.value == "ННМЦ"
    assert not any(flag.code in ("ISSUER_UNKNOWN", "REGISTRY_MISMATCH") for flag in found.flags)
    # another holder's number, a number the register lacks, or a name that is not the organization's: unknown
    for other in (verdict("ННМП", holder="Петрова Анна"), verdict("ННМП", number="0094156"),
                  verdict("ТОО «Центр медицинского мастерства»")):
        assert other.issuer_org_id is None and any(flag.code == "ISSUER_UNKNOWN" for flag in other.flags)


def test_the_register_names_the_issuer_when_no_line_read_names_an_organization() -> None:
    # fraud 43434: «НЦПДХ» in bold capitals read «них»; the programme's line was the best issuer candidate left
    org = Organization("ORG-7", "АО «Научный центр педиатрии и детской хирургии»", ("НЦПДХ",), "1", "KZ",
                       "Алматы", date(2001, 1, 1), None, True)
    record = CertificateRecord("CME-20254831", "ORG-7", "901012355816", "Төлегенов Нұрлан Нұрланұлы",
                               "Доказательная медицина", 216, date(2025, 4, 25), date(2025, 5, 31),
                               date(2025, 5, 31), "valid")
    registers = Registers([org, ORG], [record])

    def verdict(issuer: str, hours: int = 216, holder: str = "Төлегенов Нұрлан") -> DocumentVerdict:
        read = replace(extraction("advanced_training", holder_name=holder, cert_number="CME-20254831",
                                  issuer=issuer, hours=hours, start_date="2025-04-25", end_date="2025-05-31",
                                  issue_date="2025-05-31"), issuer_alternatives=(FieldValue("них", 0.05),))
        return verify_document(read, None, registers, today=date(2025, 7, 1))
    found = verdict("Программа: Доказательная медицина")
    assert found.issuer_org_id == "ORG-7" and found.issuer is not None and found.issuer.value == org.name
    assert not found.flags
    # the register's issuer is checked like a read one: other hours are a mismatch
    assert [flag.code for flag in verdict("Программа: Доказательная медицина", hours=72).flags] == ["REGISTRY_MISMATCH"]
    # a printed organization the register does not hold the number under, or another holder: unknown
    for other in (verdict("ТОО «Учебный центр MedSkills»"), verdict("АО «Центр хирургии»"),
                  verdict("Программа: Доказательная медицина", holder="Петрова Анна")):
        assert other.issuer_org_id != "ORG-7"
    assert any(flag.code == "ISSUER_UNKNOWN" for flag in verdict("АО «Центр хирургии»").flags)
    # fraud 48989: no issuer line read at all, the abbreviation lost: the register's issuer all the same
    unread = extraction("advanced_training", holder_name="Төлегенов Нұрлан", cert_number="CME-20254831", hours=216,
                        start_date="2025-04-25", end_date="2025-05-31", issue_date="2025-05-31")
    for issuer in ({}, {"issuer": FieldValue(None, 0.0)}):  # left out, or stored as read: nothing
        found = verify_document(replace(unread, fields={**unread.fields, **issuer}), None, registers,
                                today=date(2025, 7, 1))
        assert found.issuer_org_id == "ORG-7" and found.issuer is not None and found.issuer.value == org.name
        assert not found.flags


def test_an_issuer_matched_loosely_by_name_whose_bin_is_printed_is_spelt_as_registered_and_confirmed() -> None:
    # fraud 38989: «MedSkills оқу орталығы» read «Меад$кИ!$ …» matched at 89, its BIN printed exactly
    medskills = Organization("ORG-11", "ТОО «Учебный центр MedSkills»", ("«MedSkills оқу орталығы» ЖШС",),
                             "040141966668", "KZ", "Алматы", date(2004, 1, 1), None, False)
    registers = Registers([medskills, ORG], [])

    def verdict(bins: tuple[str, ...]) -> DocumentVerdict:
        found = replace(extraction("seminar", issuer="«Меад$кИ!$ оқу орталығы» ЖШС", issue_date="2024-06-13"),
                        business_ids=bins)
        return verify_document(found, None, registers, today=date(2024, 7, 1))
    printed = verdict(("040141966668",))
    assert printed.issuer_org_id == "ORG-11" and printed.issuer_confirmed
    assert printed.issuer is not None and printed.issuer.value == "«MedSkills оқу орталығы» ЖШС"
    unprinted = verdict(())  # the same loose match without the BIN: matched, but a reviewer looks
    assert unprinted.issuer_org_id == "ORG-11" and not unprinted.issuer_confirmed and unprinted.issuer is None
