"""The one-time download store behind 生成简报 on xlwings Server: once, random, expiring, nothing left behind."""

from __future__ import annotations

import os
import time
from concurrent.futures import ThreadPoolExecutor

import pytest

from zhibiao_server import downloads


@pytest.fixture
def store(tmp_path, monkeypatch):
    monkeypatch.setenv("ZHIBIAO_DOWNLOAD_DIR", str(tmp_path / "store"))
    monkeypatch.setenv("ZHIBIAO_DOWNLOAD_TTL", "600")
    return tmp_path / "store"


def brief(tmp_path, name="湖州.简报.html", text="简报"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_a_file_is_served_once_then_gone(store, tmp_path):
    token = downloads.publish(brief(tmp_path))
    assert not (tmp_path / "湖州.简报.html").exists()  # moved, not copied
    taken = downloads.take(token)
    assert taken.path.name == "湖州.简报.html" and taken.path.read_text(encoding="utf-8") == "简报"
    assert downloads.take(token) is None
    taken.done()
    assert list(store.iterdir()) == []


def test_tokens_are_random_and_unguessable(store, tmp_path):
    tokens = {downloads.publish(brief(tmp_path, f"{i}.html")) for i in range(20)}
    assert len(tokens) == 20 and all(len(t) == 32 for t in tokens)
    assert downloads.take("A" * 32) is None
    for bad in ("..", "../store", "x/../../etc", ""):
        assert downloads.take(bad) is None


def test_an_expired_file_is_not_served_and_is_deleted(store, tmp_path):
    token = downloads.publish(brief(tmp_path))
    old = time.time() - 601
    for path in (store / token).iterdir():
        os.utime(path, (old, old))
    assert downloads.take(token) is None
    assert list(store.iterdir()) == []


def test_publishing_sweeps_what_nobody_fetched(store, tmp_path):
    stale = downloads.publish(brief(tmp_path, "old.html"))
    old = time.time() - 601
    os.utime(store / stale / "old.html", (old, old))
    fresh = downloads.publish(brief(tmp_path, "new.html"))
    assert [p.name for p in store.iterdir()] == [fresh]


def test_of_concurrent_requests_exactly_one_gets_the_file(store, tmp_path):
    token = downloads.publish(brief(tmp_path))
    with ThreadPoolExecutor(max_workers=8) as pool:
        got = [t for t in pool.map(lambda _: downloads.take(token), range(8)) if t is not None]
    assert len(got) == 1


def test_the_expiry_is_a_setting(store, monkeypatch):
    assert downloads.ttl() == 600
    monkeypatch.delenv("ZHIBIAO_DOWNLOAD_TTL")
    assert downloads.ttl() == downloads.DEFAULT_TTL
