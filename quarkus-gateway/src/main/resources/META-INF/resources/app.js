'use strict';

// The page talks to the gateway's own API: /v1/compare for the figures, /v1/images for the archive.

const $ = (id) => document.getElementById(id);

function showStatus(element, text, isError) {
  element.textContent = text;
  element.classList.toggle('error', Boolean(isError));
}

// Problem documents (RFC 7807) carry a one-line detail worth showing.
async function problemText(response) {
  try {
    const problem = await response.json();
    return `${problem.title}: ${problem.detail}`;
  } catch (e) {
    return `HTTP ${response.status}`;
  }
}

function formatMetric(value, digits, unit) {
  return value === null || value === undefined ? 'n/a (image too small)' : value.toFixed(digits) + (unit || '');
}

async function encodeAndCompare(event) {
  event.preventDefault();
  const file = $('file').files[0];
  if (!file) {
    showStatus($('status'), 'Choose an image first.', true);
    return;
  }
  $('original').src = URL.createObjectURL(file);
  $('figures').hidden = true;
  showStatus($('status'), 'Encoding…');
  const quality = encodeURIComponent($('quality').value);
  const response = await fetch(`/v1/compare?quality=${quality}`, {
    method: 'POST',
    headers: { 'Content-Type': file.type || 'application/octet-stream' },
    body: file,
  });
  if (!response.ok) {
    showStatus($('status'), await problemText(response), true);
    return;
  }
  const report = await response.json();
  $('decoded').src = `data:image/png;base64,${report.decodedPngBase64}`;
  $('size').textContent = `${report.width} × ${report.height}`;
  $('bytes').textContent = `${report.bytes} bytes`;
  $('bpp').textContent = report.bitsPerPixel.toFixed(3);
  $('psnr').textContent = formatMetric(report.psnr, 2, ' dB');
  $('ssim').textContent = formatMetric(report.ssim, 4);
  $('msssim').textContent = formatMetric(report.msssim, 4);
  $('figures').hidden = false;
  showStatus($('status'), 'Done.');
}

async function loadArchive() {
  const response = await fetch('/v1/images?limit=200');
  if (!response.ok) {
    showStatus($('archive-status'), await problemText(response), true);
    return;
  }
  const { images } = await response.json();
  showStatus($('archive-status'), images.length === 0 ? 'The archive is empty.' : `${images.length} image(s).`);
  const list = $('archive');
  list.replaceChildren(...images.map((image) => {
    const path = `/v1/images/${encodeURIComponent(image.id)}`;
    const item = document.createElement('li');
    const link = document.createElement('a');
    link.href = path;
    const thumbnail = document.createElement('img');
    thumbnail.src = `${path}?width=160`;
    thumbnail.alt = image.id;
    thumbnail.loading = 'lazy';
    link.append(thumbnail);
    const caption = document.createElement('a');
    caption.href = `${path}/info`;
    caption.textContent = image.id;
    const bitsPerPixel = document.createElement('span');
    bitsPerPixel.className = 'bpp';
    bitsPerPixel.textContent = `${image.bitsPerPixel.toFixed(3)} bpp`;
    // PSNR against the original, as the encoder measured it; images encoded without it have none.
    const psnr = document.createElement('span');
    psnr.className = 'psnr';
    psnr.textContent = image.psnrRgb === null ? 'PSNR n/a' : `PSNR ${image.psnrRgb.toFixed(2)} dB`;
    item.append(link, caption, bitsPerPixel, psnr);
    return item;
  }));
}

$('upload').addEventListener('submit', encodeAndCompare);
loadArchive();
