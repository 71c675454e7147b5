import asyncio

from daily.autosave import Autosave


def test_typing_is_written_once_after_the_pause():
    async def scenario():
        written = []
        autosave = Autosave(lambda key, text: written.append((key, text)), delay_seconds=0.05)
        for text in ["h", "he", "hel", "hello"]:
            autosave.changed(1, text)
            await asyncio.sleep(0.01)
        assert written == []
        await asyncio.sleep(0.1)
        return written

    assert asyncio.run(scenario()) == [(1, "hello")]


def test_flush_writes_everything_pending_at_once():
    async def scenario():
        written = []
        autosave = Autosave(lambda key, text: written.append((key, text)), delay_seconds=10)
        autosave.changed(0, "first")
        autosave.changed(1, "second")
        autosave.flush()
        assert autosave.pending == {}
        await asyncio.sleep(0)
        return written

    assert sorted(asyncio.run(scenario())) == [(0, "first"), (1, "second")]


def test_a_failed_write_keeps_the_text_pending():
    calls = []

    def write(key, text):
        calls.append(text)
        if len(calls) == 1:
            raise OSError("disk full")

    autosave = Autosave(write)
    try:
        autosave.changed(0, "keep me")  # no running loop: writes at once
    except OSError:
        pass
    assert autosave.pending == {0: "keep me"}
    autosave.flush()
    assert autosave.pending == {} and calls == ["keep me", "keep me"]
