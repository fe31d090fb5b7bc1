"""Reading the witness file: every kind of bad file gets one clear line naming the place."""
import pytest

from edition.errors import EditionError
from edition.source import decode_witness, read_witness


def error_of(data: bytes) -> str:
    with pytest.raises(EditionError) as info:
        decode_witness(data, "w.txt")
    return str(info.value)


def test_plain_utf8_is_returned_unchanged():
    assert decode_witness("當(dāng)产业\n第二行".encode(), "w.txt") == "當(dāng)产业\n第二行"


def test_empty_and_blank_files_are_refused():
    assert error_of(b"") == "w.txt:1:1: the witness is empty"
    assert error_of(b" \n\n ") == "w.txt:1:1: the witness is empty"


def test_bom_is_refused_at_1_1():
    assert error_of("\ufeff当代".encode()).startswith("w.txt:1:1: starts with a UTF-8 byte-order mark")


def test_crlf_is_refused_with_its_line():
    msg = error_of("第一行\r\n第二行".encode())
    assert msg.startswith("w.txt:1:4: carriage return")


def test_gb18030_file_is_named_and_refused():
    msg = error_of("第一行\n產業互聯網".encode("gb18030"))
    assert msg.startswith("w.txt:1:1: not UTF-8")
    assert "GB18030" in msg and "iconv -f GB18030" in msg
    assert "\n" not in msg


def test_big5_file_is_named_big5_although_it_also_decodes_as_gb18030():
    data = "當產業互聯網時代來臨，幾乎所有的玩家都在把關注的焦點聚焦在了B端流量的獲取上。".encode("big5")
    data.decode("gb18030")  # it does decode, into nonsense
    msg = error_of(data)
    assert "decodes as BIG5" in msg and "GB18030" not in msg


def test_invalid_utf8_position_is_line_and_column():
    msg = error_of("好\n坏坏".encode() + b"\xff")
    assert msg.startswith("w.txt:2:3: not UTF-8: byte 0xFF")


def test_missing_file_and_directory(tmp_path):
    with pytest.raises(EditionError, match="no such file"):
        read_witness(tmp_path / "nope.txt")
    with pytest.raises(EditionError, match="is a directory"):
        read_witness(tmp_path)


def test_sha256_and_size_are_of_the_bytes(tmp_path):
    import hashlib
    path = tmp_path / "w.txt"
    path.write_bytes("當(dāng)".encode())
    w = read_witness(path)
    assert w.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()
    assert w.size == len("當(dāng)".encode())
