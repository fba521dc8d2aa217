"""Developer tool, run once: record the demo videos in cms/demo/assets/ as WebM.

No video encoder ships with Python, so the slides (drawn with Pillow) are played
on a canvas in headless Chromium and captured with MediaRecorder.
    .venv/bin/python manage.py shell -c "from cms.demo.record_videos import main; main()"
"""

import base64
import io
import textwrap
from pathlib import Path

from PIL import Image, ImageDraw

from .content import ITEMS
from .drawing import PALETTES, font

ASSETS = Path(__file__).resolve().parent / "assets"
SIZE = (640, 360)
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def slide(text: str, palette: str, heading: str) -> str:
    ink, soft, _ = PALETTES[palette]
    image = Image.new("RGB", SIZE, soft)
    d = ImageDraw.Draw(image)
    d.rectangle((0, 0, SIZE[0], 56), fill=ink)
    d.text((24, 14), heading[:48], font=font(22, bold=True), fill="white")
    y = 100
    for line in textwrap.wrap(text, 34):
        d.text((32, y), line, font=font(30, bold=True), fill="#1b1f24")
        y += 42
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode()


RECORDER = """async ([slides, duration]) => {
  const canvas = document.createElement('canvas'); canvas.width = 640; canvas.height = 360;
  document.body.appendChild(canvas);
  const ctx = canvas.getContext('2d');
  const images = await Promise.all(slides.map(([src]) => new Promise(ok => {
    const img = new Image(); img.onload = () => ok(img); img.src = src; })));
  const recorder = new MediaRecorder(canvas.captureStream(5),
    {mimeType: 'video/webm;codecs=vp8', videoBitsPerSecond: 60000});
  const chunks = []; recorder.ondataavailable = e => chunks.push(e.data);
  const done = new Promise(ok => recorder.onstop = ok);
  recorder.start();
  const start = performance.now();
  await new Promise(ok => { (function tick() {
    const t = (performance.now() - start) / 1000;
    let index = 0; slides.forEach(([, at], i) => { if (t >= at) index = i; });
    ctx.drawImage(images[index], 0, 0);
    if (t < duration) setTimeout(tick, 100); else ok(); })(); });
  recorder.stop(); await done;
  const buffer = await new Blob(chunks).arrayBuffer();
  let binary = ''; new Uint8Array(buffer).forEach(b => binary += String.fromCharCode(b));
  return btoa(binary);
}"""


def main():
    from playwright.sync_api import sync_playwright

    ASSETS.mkdir(exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        page = browser.new_page()
        page.set_content("<html><body></body></html>")
        for spec in ITEMS:
            if spec["kind"] != "video":
                continue
            palette = spec["cover"][1]
            slides = [[slide(spec["title"], palette, "Học vụ số"), 0]]
            slides += [
                [slide(text, palette, spec["title"]), at + 1] for at, text in spec["transcript"]
            ]
            data = page.evaluate(RECORDER, [slides, spec["duration"]])
            target = ASSETS / f"{spec['video']}.webm"
            target.write_bytes(base64.b64decode(data))
            print(target, target.stat().st_size)
        browser.close()
