from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from birlik.domain.errors import InvalidValue
from birlik.domain.hs import HsCode
from birlik.domain.identifiers import bin_check_digit, validate_bin


class TestBin:
    def test_accepts_a_bin_with_the_right_check_digit(self) -> None:
        # 12345678901, weights 1..11: 1+4+9+16+25+36+49+64+81+0+11 = 296; 296 % 11 = 10, so a second
        # pass with weights 3..11,1,2: 3+8+15+24+35+48+63+80+99+0+2 = 377; 377 % 11 = 3
        assert bin_check_digit("12345678901") == 3
        assert validate_bin("123456789013") == "123456789013"

    def test_ignores_spaces_people_type(self) -> None:
        assert validate_bin(" 1234 5678 9013 ") == "123456789013"

    def test_refuses_a_wrong_check_digit_and_says_which_it_should_be(self) -> None:
        with pytest.raises(InvalidValue, match="check digit is 2 but should be 3"):
            validate_bin("123456789012")

    @pytest.mark.parametrize("value", ["12345678901", "1234567890123", "12345678901a", ""])
    def test_refuses_anything_but_twelve_digits(self, value: str) -> None:
        with pytest.raises(InvalidValue, match="12 digits"):
            validate_bin(value)

    @given(st.text(alphabet="0123456789", min_size=11, max_size=11))
    def test_exactly_one_last_digit_is_valid_when_any_is(self, first: str) -> None:
        valid = []
        for d in "0123456789":
            try:
                validate_bin(first + d)
                valid.append(d)
            except InvalidValue:
                pass
        assert len(valid) == (0 if bin_check_digit(first) is None else 1)

    @given(
        st.text(alphabet="0123456789", min_size=12, max_size=12),
        st.integers(0, 11).filter(lambda p: p != 10),
        st.integers(1, 9),
    )
    def test_a_single_mistyped_digit_is_caught_when_the_first_pass_decides(
        self, bin_: str, position: int, shift: int
    ) -> None:
        # Weights 1..10 are invertible mod 11, so one changed digit among the first ten always changes
        # the first-pass remainder; the 11th digit has weight 11 ≡ 0 and is only guarded by the second
        # pass, and a remainder of 10 switches to the second pass: the state scheme's own blind spots.
        def first_pass(digits: str) -> int:
            return sum(int(d) * w for d, w in zip(digits[:11], range(1, 12), strict=True)) % 11

        check = bin_check_digit(bin_[:11])
        if check is None:
            return
        valid = bin_[:11] + str(check)
        typo = valid[:position] + str((int(valid[position]) + shift) % 10) + valid[position + 1 :]
        if first_pass(valid) == 10 or first_pass(typo) == 10:
            return
        with pytest.raises(InvalidValue):
            validate_bin(typo)


class TestHsCode:
    @pytest.mark.parametrize(
        ("value", "shown"),
        [("5208.12", "5208.12"), ("520812", "5208.12"), ("6203 42 11", "6203.42.11"), ("6302.60", "6302.60")],
    )
    def test_reads_the_usual_spellings(self, value: str, shown: str) -> None:
        assert str(HsCode.parse(value)) == shown

    def test_heading_is_the_first_four_digits(self) -> None:
        assert HsCode.parse("5514.22").heading == "5514"

    @pytest.mark.parametrize(
        ("value", "why"),
        [
            ("5213.11", "heading 5213 does not exist"),
            ("7701.00", "chapter 77 does not exist"),
            ("9901.00", "chapter 99 does not exist"),
            ("52081", "4, 6, 8 or 10 digits"),
            ("cotton", "4, 6, 8 or 10 digits"),
        ],
    )
    def test_refuses_codes_that_do_not_exist_and_says_why(self, value: str, why: str) -> None:
        with pytest.raises(InvalidValue, match=why):
            HsCode.parse(value)
