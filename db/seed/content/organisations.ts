import type { Locality, OrganisationKind } from "../../schema";

/**
 * Demo organisations and services of the Birmingham SEND Local Area Partnership.
 * Urdu names keep well-known acronyms (SENAR, SENDIASS) in Latin script inside the
 * Urdu text, and transliterate proper names. To be reviewed by a fluent speaker.
 */
export interface OrganisationSeed {
  slug: string;
  kind: OrganisationKind;
  name: { en: string; ur: string };
  services: { slug: string; locality: Locality | null; name: { en: string; ur: string } }[];
}

export const ORGANISATIONS: OrganisationSeed[] = [
  {
    slug: "birmingham-city-council",
    kind: "local_authority",
    name: { en: "Birmingham City Council", ur: "برمنگھم سٹی کونسل" },
    services: [
      {
        slug: "senar-north",
        locality: "north",
        name: { en: "SENAR North", ur: "SENAR نارتھ (شمالی برمنگھم)" },
      },
      {
        slug: "senar-south",
        locality: "south",
        name: { en: "SENAR South", ur: "SENAR ساؤتھ (جنوبی برمنگھم)" },
      },
      {
        slug: "senar-east",
        locality: "east",
        name: { en: "SENAR East", ur: "SENAR ایسٹ (مشرقی برمنگھم)" },
      },
      {
        slug: "senar-west",
        locality: "west",
        name: { en: "SENAR West", ur: "SENAR ویسٹ (مغربی برمنگھم)" },
      },
      {
        slug: "local-offer",
        locality: "city_wide",
        name: { en: "Local Offer website", ur: "لوکل آفر ویب سائٹ" },
      },
      {
        slug: "sendiass",
        locality: "city_wide",
        name: {
          en: "SENDIASS (SEND Information, Advice and Support Service)",
          ur: "SENDIASS (خصوصی تعلیمی ضروریات اور معذوری کے بارے میں معلومات، مشورے اور مدد کی سروس)",
        },
      },
      {
        slug: "cat",
        locality: "city_wide",
        name: { en: "Communication and Autism Team", ur: "کمیونیکیشن اور آٹزم ٹیم" },
      },
    ],
  },
  {
    slug: "nhs-bsol",
    kind: "health",
    name: { en: "NHS Birmingham and Solihull", ur: "این ایچ ایس برمنگھم اور سولیہل" },
    services: [
      {
        slug: "slt",
        locality: "city_wide",
        name: { en: "Speech and Language Therapy", ur: "بول چال اور زبان کی تھراپی (اسپیچ اینڈ لینگویج تھراپی)" },
      },
      {
        slug: "ftb",
        locality: "city_wide",
        name: {
          en: "Forward Thinking Birmingham (0–25 mental health service)",
          ur: "فارورڈ تھنکنگ برمنگھم (0 سے 25 سال کی عمر کے لیے ذہنی صحت کی سروس)",
        },
      },
    ],
  },
  {
    slug: "childrens-trust",
    kind: "childrens_trust",
    name: { en: "Birmingham Children's Trust", ur: "برمنگھم چلڈرنز ٹرسٹ" },
    services: [
      {
        slug: "early-help-hub",
        locality: "city_wide",
        name: { en: "SEND Early Help Hub", ur: "SEND ابتدائی مدد کا مرکز (ارلی ہیلپ ہب)" },
      },
    ],
  },
  {
    slug: "parent-carer-forum",
    kind: "voluntary",
    name: {
      en: "Birmingham Parent Carer Forum",
      ur: "برمنگھم پیرنٹ کیئرر فورم (والدین اور نگہداشت کرنے والوں کا فورم)",
    },
    services: [],
  },
];
