// The few pages the HTTP edge answers itself, before the app is reached (a malformed
// address, a body too big, a form from another site, a crash). Both languages on one
// page: the edge does not know the reader's language and must not fail working it out.

interface EdgePage {
  en: { title: string; body: string };
  ur: { title: string; body: string };
}

const PAGES = {
  400: {
    en: { title: "This address is not valid", body: "Check the link or type the address again. If you followed a link in an email, open it again from the email." },
    ur: { title: "یہ پتہ درست نہیں ہے", body: "لنک چیک کریں یا پتہ دوبارہ لکھیں۔ اگر آپ نے ای میل میں کسی لنک پر کلک کیا تھا تو اسے ای میل سے دوبارہ کھولیں۔" },
  },
  403: {
    en: { title: "This form was sent from another website", body: "For your security it was not accepted. Open Said & Done directly and try again." },
    ur: { title: "یہ فارم کسی دوسری ویب سائٹ سے بھیجا گیا تھا", body: "آپ کی حفاظت کے لیے اسے قبول نہیں کیا گیا۔ Said & Done کو براہ راست کھولیں اور دوبارہ کوشش کریں۔" },
  },
  413: {
    en: { title: "What you sent is too large", body: "Nothing was saved from it. Go back, shorten your answer or choose a smaller file, and send it again." },
    ur: { title: "آپ نے جو بھیجا وہ بہت بڑا ہے", body: "اس میں سے کچھ محفوظ نہیں ہوا۔ واپس جائیں، اپنا جواب مختصر کریں یا چھوٹی فائل منتخب کریں، اور دوبارہ بھیجیں۔" },
  },
  415: {
    en: { title: "This was not sent from one of our forms", body: "Nothing was saved. Open the page again and use its form." },
    ur: { title: "یہ ہمارے کسی فارم سے نہیں بھیجا گیا", body: "کچھ محفوظ نہیں ہوا۔ صفحہ دوبارہ کھولیں اور اس کا فارم استعمال کریں۔" },
  },
  500: {
    en: { title: "Sorry, something went wrong", body: "Please try again in a few minutes. What you saved before this is safe." },
    ur: { title: "معذرت، کچھ غلط ہو گیا", body: "براہ کرم چند منٹ بعد دوبارہ کوشش کریں۔ اس سے پہلے آپ نے جو محفوظ کیا وہ محفوظ ہے۔" },
  },
} satisfies Record<number, EdgePage>;

export type EdgeStatus = keyof typeof PAGES;

function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

export function edgePageHtml(status: EdgeStatus): string {
  const { en, ur } = PAGES[status];
  return [
    '<!doctype html><html lang="en" dir="ltr"><head><meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(en.title)} – Said &amp; Done</title></head><body><main>`,
    `<h1>${escapeHtml(en.title)}</h1><p>${escapeHtml(en.body)}</p>`,
    `<div lang="ur" dir="rtl"><h2>${escapeHtml(ur.title)}</h2><p>${escapeHtml(ur.body)}</p></div>`,
    '<p><a href="/">Said &amp; Done home page</a> · <a href="/?lng=ur" lang="ur" dir="rtl">ہوم پیج</a></p>',
    "</main></body></html>",
  ].join("");
}
