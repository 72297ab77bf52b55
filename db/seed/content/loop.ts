import type { Language, LoopOutcome } from "../../schema";
import type { LoopTheme } from "../../../app/loop/themes";

/**
 * The demo's "You Said, We Did": the partnership's first termly update after its
 * inspection revisit (facts from /work/shared/examples/first-termly-update.md, told in our
 * own words and moved to the demo's timeline). Families spoke at four parent and carer
 * events in August and September 2026 (over 150 people came) and in the surveys of the
 * summer term and of September 2026; entries were drafted and opened in October 2026.
 * "Today" in the demo is 25 November 2026.
 *
 * Each entry is replayed through the real loop functions (db/seed/loop.ts), step by step
 * at the fixed times below, so its audit trail is a real one. Entries are listed in the
 * order they were created, which is their id order. Urdu to be reviewed by a fluent speaker.
 */

type Text = { en: string; ur: string };
/** A demo user, by email (db/seed/content/users.ts). */
type Who = string;

export type LoopSeedStep =
  | { at: string; by: Who; do: "open"; owner: Who; dueOn: string }
  | { at: string; by: Who; do: "publish_open" }
  | { at: string; by: Who; do: "close"; outcome: LoopOutcome; weDid: Text; note: string; changeEvidence?: string; changeFrom?: string }
  | { at: string; by: Who; do: "send_back"; reason: string }
  | { at: string; by: Who; do: "discard"; reason: string }
  /** Steps with the same time and publisher are one publishEntries batch (subscribers get one email). */
  | { at: string; by: Who; do: "publish" }
  /** A dated update to an entry the public can see. */
  | { at: string; by: Who; do: "update"; text: Text };

export interface LoopSeedEntry {
  /** A stable name for tests and for the lead's notes. */
  key: string;
  leadService: string;
  contributing?: string[];
  period: string;
  theme: LoopTheme;
  /**
   * Survey entries link `responses` submitted responses of the lead service that have a
   * comment, from the survey's campaigns in `terms` (all terms if none), submitted
   * before the entry was drafted, those whose comment is one of `comments` (English
   * texts of db/seed/content/comments.ts, matched in either language) first. Forum
   * entries carry the PCF's count of families.
   */
  from: { survey: string; terms?: string[]; responses: number; comments?: string[] } | { forumFamilies: number };
  youSaid: Text;
  created: { at: string; by: Who };
  steps: LoopSeedStep[];
  /** "Did this help?" answers from families. */
  ratings?: { yes: number; partly: number; no: number };
  /** A family's request to look at it again, still waiting for the PCF. */
  lookAgain?: { at: string; language: Language; reason: string };
}

const PCF = "pcf@demo.test";
const ADMIN = "admin@demo.test";
const NORTH_LEAD = "lead.senar-north@demo.test";
const NORTH_MEMBER = "member.senar-north@demo.test";
const SOUTH_LEAD = "lead.senar-south@demo.test";
const SLT_LEAD = "lead.slt@demo.test";
const SLT_MEMBER = "member.slt@demo.test";
const FTB_LEAD = "lead.ftb@demo.test";
const HUB_LEAD = "lead.early-help@demo.test";
const HUB_MEMBER = "member.early-help@demo.test";
const LOCAL_OFFER_MEMBER = "member.local-offer@demo.test";

/** The PCF's first publication round: one batch, one email per subscriber. */
const FIRST_ROUND = "2026-11-04T10:00:00.000Z";
/** The PCF shows the entries still in progress as "We are doing". */
const SHOWN_AS_DOING = "2026-10-26T09:30:00.000Z";

export const DEMO_LOOP: LoopSeedEntry[] = [
  {
    key: "calls-and-emails",
    leadService: "senar-north",
    contributing: ["senar-south", "senar-east", "senar-west"],
    period: "2026-autumn",
    theme: "communication",
    from: {
      survey: "senar-parent",
      responses: 6,
      comments: [
        "Nobody answered my emails for weeks.",
        "I did not know who to contact when the deadline passed.",
        "Updates by text message would be easier for me.",
      ],
    },
    youSaid: {
      en: "Calls and emails to the SEND assessment service (SENAR) often go unanswered. You want to reach a person and hear back.",
      ur: "SEND اسیسمنٹ سروس (SENAR) کو کی گئی کالز اور ای میلز کا اکثر جواب نہیں ملتا۔ آپ چاہتے ہیں کہ کسی شخص سے بات ہو اور جواب ملے۔",
    },
    created: { at: "2026-10-05T10:00:00.000Z", by: NORTH_MEMBER },
    steps: [
      { at: "2026-10-12T09:00:00.000Z", by: NORTH_LEAD, do: "open", owner: NORTH_MEMBER, dueOn: "2026-11-20" },
      {
        at: "2026-11-09T15:00:00.000Z",
        by: NORTH_MEMBER,
        do: "close",
        outcome: "partly_done",
        weDid: {
          en: "We appointed a Head of SENAR Operations and have recruited more staff. We closed email accounts nobody needed.",
          ur: "ہم نے ہیڈ آف SENAR آپریشنز مقرر کیا اور مزید عملہ بھرتی کیا ہے۔ ہم نے وہ ای میل اکاؤنٹس بند کر دیے جن کی ضرورت نہیں تھی۔",
        },
        note: "Staffing and contact points changed; the communication plan is not finished yet.",
        changeEvidence: "New posts being filled (staffing report). Unneeded shared email accounts closed.",
        changeFrom: "2026-09-01",
      },
      {
        at: "2026-11-11T11:00:00.000Z",
        by: PCF,
        do: "send_back",
        reason: "Please say how many of the new posts are filled, and say plainly what is still to be done, so families know what to expect.",
      },
      {
        at: "2026-11-16T14:00:00.000Z",
        by: NORTH_MEMBER,
        do: "close",
        outcome: "partly_done",
        weDid: {
          en: "We appointed a Head of SENAR Operations to work beside the Head of Service. Extra money agreed by the council's Cabinet in July pays for 30 more posts: 22 were filled by the autumn, some by agency staff at first. We cut down the phone numbers and email addresses to choose from, and closed accounts nobody needed, so your message reaches a person. Still to do: a plan telling families and schools exactly whom to contact is being written.",
          ur: "ہم نے ہیڈ آف سروس کے ساتھ کام کرنے کے لیے ہیڈ آف SENAR آپریشنز مقرر کیا۔ کونسل کی کابینہ نے جولائی میں اضافی رقم منظور کی جس سے 30 نئی آسامیاں بنیں: خزاں تک ان میں سے 22 پُر ہو چکی تھیں، شروع میں کچھ ایجنسی کے عملے سے۔ ہم نے فون نمبروں اور ای میل پتوں کی تعداد کم کی اور غیر ضروری اکاؤنٹس بند کر دیے، تاکہ آپ کا پیغام کسی شخص تک پہنچے۔ ابھی باقی ہے: ایک منصوبہ لکھا جا رہا ہے جو خاندانوں اور اسکولوں کو صاف بتائے گا کہ کس سے رابطہ کریں۔",
        },
        note: "Partly done: 22 of 30 posts filled and contact points reduced; the communication plan is still being written. Check call answering in the spring survey.",
        changeEvidence: "22 of the 30 new posts filled (staffing report, October). Unneeded shared email accounts closed.",
        changeFrom: "2026-09-01",
      },
      { at: "2026-11-18T10:00:00.000Z", by: PCF, do: "publish" },
    ],
    ratings: { yes: 7, partly: 3, no: 2 },
  },
  {
    key: "phone-duplicate",
    leadService: "senar-north",
    period: "2026-autumn",
    theme: "communication",
    from: { survey: "senar-parent", responses: 0 },
    youSaid: {
      en: "Nobody answers the phone at SENAR.",
      ur: "SENAR میں کوئی فون نہیں اٹھاتا۔",
    },
    created: { at: "2026-10-06T09:15:00.000Z", by: NORTH_MEMBER },
    steps: [{ at: "2026-10-08T16:00:00.000Z", by: NORTH_LEAD, do: "discard", reason: "Same feedback as the entry about unanswered calls and emails; one entry is clearer for families." }],
  },
  {
    key: "named-worker",
    leadService: "senar-north",
    period: "2026-summer",
    theme: "ehc_plans",
    from: {
      survey: "senar-parent",
      terms: ["summer-2026"],
      responses: 3,
      comments: [
        "I did not know who to contact when the deadline passed.",
        "The school and the council did not seem to talk to each other.",
      ],
    },
    youSaid: {
      en: "You want a named person for your child's Education, Health and Care (EHC) plan: someone you can actually reach.",
      ur: "آپ اپنے بچے کے تعلیم، صحت اور نگہداشت (EHC) پلان کے لیے ایک نامزد شخص چاہتے ہیں: کوئی ایسا جس سے واقعی رابطہ ہو سکے۔",
    },
    created: { at: "2026-10-06T11:00:00.000Z", by: NORTH_MEMBER },
    steps: [
      { at: "2026-10-12T09:10:00.000Z", by: NORTH_LEAD, do: "open", owner: NORTH_MEMBER, dueOn: "2026-11-13" },
      {
        at: "2026-10-30T12:00:00.000Z",
        by: NORTH_MEMBER,
        do: "close",
        outcome: "done",
        weDid: {
          en: "We regrouped our case work into four locality teams, North, South, East and West, each with its own managers. Schools are given a team by postcode, so every child's case has someone responsible for it. Parent link workers now sit beside the team that helps settle disagreements, so problems reach them sooner.",
          ur: "ہم نے اپنا کیس ورک چار علاقائی ٹیموں میں دوبارہ منظم کیا: شمال، جنوب، مشرق اور مغرب، اور ہر ٹیم کے اپنے مینیجر ہیں۔ ہر اسکول کو پوسٹ کوڈ کے مطابق ایک ٹیم دی گئی ہے، اس لیے ہر بچے کے کیس کا کوئی ذمہ دار ہے۔ والدین سے رابطے کے کارکن (پیرنٹ لنک ورکرز) اب اس ٹیم کے ساتھ بیٹھتے ہیں جو اختلافات حل کرنے میں مدد کرتی ہے، تاکہ مسائل جلد ان تک پہنچیں۔",
        },
        note: "Locality teams in place. Ask about a named worker in the spring parent survey.",
        changeEvidence: "Four locality teams with their own managers; every school allocated to a team by postcode.",
        changeFrom: "2026-09-01",
      },
      { at: FIRST_ROUND, by: PCF, do: "publish" },
      {
        at: "2026-11-20T16:30:00.000Z",
        by: NORTH_LEAD,
        do: "update",
        text: {
          en: "Your child's school can now tell you which locality team covers your child, and who in that team has your child's case.",
          ur: "اب آپ کے بچے کا اسکول آپ کو بتا سکتا ہے کہ کون سی علاقائی ٹیم آپ کے بچے کو دیکھتی ہے، اور اس ٹیم میں آپ کے بچے کا کیس کس کے پاس ہے۔",
        },
      },
    ],
    ratings: { yes: 4, partly: 1, no: 0 },
  },
  {
    key: "case-management-system",
    leadService: "senar-south",
    contributing: ["senar-north", "senar-east", "senar-west"],
    period: "2026-autumn",
    theme: "ehc_plans",
    from: {
      survey: "senar-parent",
      responses: 5,
      comments: [
        "The plan did not mention my child's speech therapy.",
        "The school and the council did not seem to talk to each other.",
      ],
    },
    youSaid: {
      en: "Staff need better, joined-up information about your child, so that fewer mistakes happen and you do not have to tell your story again and again.",
      ur: "عملے کو آپ کے بچے کے بارے میں بہتر اور مربوط معلومات چاہئیں، تاکہ غلطیاں کم ہوں اور آپ کو بار بار اپنی بات نہ دہرانی پڑے۔",
    },
    created: { at: "2026-10-07T09:30:00.000Z", by: SOUTH_LEAD },
    steps: [
      { at: "2026-10-13T10:00:00.000Z", by: SOUTH_LEAD, do: "open", owner: SOUTH_LEAD, dueOn: "2027-04-30" },
      { at: SHOWN_AS_DOING, by: PCF, do: "publish_open" },
      {
        at: "2026-10-27T11:00:00.000Z",
        by: SOUTH_LEAD,
        do: "update",
        text: {
          en: "We are reviewing our case management system to make our processes simpler. It will have a portal for parents and one for schools. We plan to finish by the end of April 2027.",
          ur: "ہم اپنے کیس مینجمنٹ سسٹم کا جائزہ لے رہے ہیں تاکہ ہمارا طریقۂ کار آسان ہو۔ اس میں والدین کے لیے ایک پورٹل اور اسکولوں کے لیے ایک پورٹل ہوگا۔ ہمارا ارادہ اپریل 2027 کے آخر تک یہ کام مکمل کرنے کا ہے۔",
        },
      },
    ],
  },
  {
    key: "timely-support",
    leadService: "senar-north",
    period: "2026-autumn",
    theme: "timeliness",
    from: {
      survey: "senar-parent",
      responses: 5,
      comments: [
        "I did not know who to contact when the deadline passed.",
        "Please tell us what is happening while we wait.",
      ],
    },
    youSaid: {
      en: "Help for your child comes too late. Assessments and reviews take too long and miss their deadlines.",
      ur: "آپ کے بچے کے لیے مدد بہت دیر سے آتی ہے۔ جائزوں اور اسیسمنٹ میں بہت وقت لگتا ہے اور مقررہ تاریخیں گزر جاتی ہیں۔",
    },
    created: { at: "2026-10-07T14:00:00.000Z", by: NORTH_MEMBER },
    steps: [
      // Due before "today" (2026-11-25) and not closed: the demo's overdue entry.
      { at: "2026-10-14T09:00:00.000Z", by: NORTH_LEAD, do: "open", owner: NORTH_MEMBER, dueOn: "2026-11-06" },
      { at: SHOWN_AS_DOING, by: PCF, do: "publish_open" },
    ],
  },
  {
    key: "therapy-waits",
    leadService: "slt",
    period: "2026-autumn",
    theme: "waiting_times",
    from: {
      survey: "co-assessment",
      responses: 5,
      comments: [
        "Please tell us what is happening while we wait.",
        "The plan did not mention my child's speech therapy.",
      ],
    },
    youSaid: {
      en: "Waiting lists for speech and language therapy and for an autism assessment are far too long.",
      ur: "اسپیچ اینڈ لینگویج تھراپی اور آٹزم کی تشخیص کے لیے انتظار کی فہرستیں بہت لمبی ہیں۔",
    },
    created: { at: "2026-10-08T10:00:00.000Z", by: SLT_MEMBER },
    steps: [
      { at: "2026-10-14T13:00:00.000Z", by: SLT_LEAD, do: "open", owner: SLT_MEMBER, dueOn: "2026-11-13" },
      {
        at: "2026-10-29T10:30:00.000Z",
        by: SLT_MEMBER,
        do: "close",
        outcome: "done",
        weDid: {
          en: "We put extra staff and money into every waiting list. The average wait for a first speech and language therapy assessment fell from 24.1 weeks in March to 7.6 weeks in August. The longest wait for therapy fell from 128 weeks to 95 weeks, which is still too long, and we keep working on it. We are trying a quicker autism assessment route for children under 7, and we review and watch every waiting list.",
          ur: "ہم نے انتظار کی ہر فہرست کے لیے اضافی عملہ اور رقم فراہم کی۔ اسپیچ اینڈ لینگویج تھراپی کی پہلی اسیسمنٹ کا اوسط انتظار مارچ میں 24.1 ہفتے تھا جو اگست میں کم ہو کر 7.6 ہفتے رہ گیا۔ تھراپی کا سب سے لمبا انتظار 128 ہفتوں سے کم ہو کر 95 ہفتے ہو گیا، جو اب بھی بہت زیادہ ہے، اور ہم اس پر کام جاری رکھے ہوئے ہیں۔ ہم 7 سال سے کم عمر بچوں کے لیے آٹزم کی تشخیص کا ایک تیز طریقہ آزما رہے ہیں، اور ہر انتظار کی فہرست کا باقاعدہ جائزہ لیتے ہیں۔",
        },
        note: "Waits down sharply for first assessment; longest intervention wait still 95 weeks. Monitor monthly.",
        changeEvidence: "Average wait for a first assessment 24.1 weeks (March) to 7.6 weeks (August); longest wait for intervention 128 to 95 weeks.",
        changeFrom: "2026-08-01",
      },
      { at: FIRST_ROUND, by: PCF, do: "publish" },
    ],
    ratings: { yes: 5, partly: 2, no: 1 },
  },
  {
    key: "help-while-waiting",
    leadService: "slt",
    period: "2026-autumn",
    theme: "waiting_times",
    from: {
      survey: "co-assessment",
      responses: 5,
      comments: [
        "Please tell us what is happening while we wait.",
      ],
    },
    youSaid: {
      en: "What help is there for us while we wait?",
      ur: "انتظار کے دوران ہمارے لیے کیا مدد موجود ہے؟",
    },
    created: { at: "2026-10-08T10:20:00.000Z", by: SLT_MEMBER },
    steps: [
      { at: "2026-10-14T13:10:00.000Z", by: SLT_LEAD, do: "open", owner: SLT_MEMBER, dueOn: "2026-11-13" },
      {
        at: "2026-10-29T11:00:00.000Z",
        by: SLT_MEMBER,
        do: "close",
        outcome: "done",
        weDid: {
          en: "Every therapy service now has an advice line you can call while you wait, and there is information online. With a university project, we are also making packages of help for families who are waiting.",
          ur: "اب ہر تھراپی سروس کی ایک مشاورتی فون لائن ہے جس پر آپ انتظار کے دوران کال کر سکتے ہیں، اور معلومات آن لائن بھی موجود ہیں۔ ایک یونیورسٹی کے منصوبے کے ساتھ مل کر ہم انتظار کرنے والے خاندانوں کے لیے مدد کے پیکیج بھی تیار کر رہے ہیں۔",
        },
        note: "Advice lines live for every therapy service; intervention packages with the university still in development.",
        changeEvidence: "Advice line numbers for every therapy service on the service's web pages.",
        changeFrom: "2026-09-01",
      },
      { at: FIRST_ROUND, by: PCF, do: "publish" },
    ],
    ratings: { yes: 3, partly: 1, no: 0 },
  },
  {
    key: "autism-support",
    leadService: "slt",
    contributing: ["cat"],
    period: "2026-autumn",
    theme: "autism",
    from: {
      survey: "co-assessment",
      responses: 3,
      comments: [
        "Please tell us what is happening while we wait.",
        "I did not know who to contact when the deadline passed.",
      ],
    },
    youSaid: {
      en: "Families need easier access to autism support, and more help after a diagnosis.",
      ur: "خاندانوں کو آٹزم سے متعلق مدد تک آسان رسائی اور تشخیص کے بعد مزید مدد کی ضرورت ہے۔",
    },
    created: { at: "2026-10-09T09:00:00.000Z", by: SLT_MEMBER },
    steps: [
      { at: "2026-10-15T10:00:00.000Z", by: SLT_LEAD, do: "open", owner: SLT_MEMBER, dueOn: "2027-03-31" },
      { at: SHOWN_AS_DOING, by: PCF, do: "publish_open" },
      {
        at: "2026-10-27T15:00:00.000Z",
        by: SLT_MEMBER,
        do: "update",
        text: {
          en: "With the Communication and Autism Team we are building a support offer for before and after a diagnosis. An \"autism in schools\" pilot has started with a few mainstream primary schools.",
          ur: "ہم کمیونیکیشن اور آٹزم ٹیم کے ساتھ مل کر تشخیص سے پہلے اور بعد کی مدد کا ایک پروگرام تیار کر رہے ہیں۔ چند عام پرائمری اسکولوں کے ساتھ \"اسکولوں میں آٹزم\" کا ایک آزمائشی منصوبہ شروع ہو چکا ہے۔",
        },
      },
    ],
  },
  {
    key: "mental-health-investment",
    leadService: "ftb",
    period: "2026-autumn",
    theme: "mental_health",
    from: {
      survey: "co-assessment",
      responses: 5,
      comments: [
        "Please tell us what is happening while we wait.",
      ],
    },
    youSaid: {
      en: "Invest more in mental health support, for parents and for children.",
      ur: "والدین اور بچوں دونوں کے لیے ذہنی صحت کی مدد میں زیادہ سرمایہ لگائیں۔",
    },
    created: { at: "2026-10-09T11:00:00.000Z", by: FTB_LEAD },
    steps: [
      { at: "2026-10-15T11:00:00.000Z", by: FTB_LEAD, do: "open", owner: FTB_LEAD, dueOn: "2026-11-27" },
      {
        at: "2026-11-02T09:30:00.000Z",
        by: FTB_LEAD,
        do: "close",
        outcome: "done",
        weDid: {
          en: "We have invested more in mental health services, and this investment continues. NHS and voluntary services now plan this support together.",
          ur: "ہم نے ذہنی صحت کی سروسز میں مزید سرمایہ لگایا ہے، اور یہ سلسلہ جاری ہے۔ این ایچ ایس اور رضاکار تنظیمیں اب یہ مدد مل کر منصوبہ بندی سے فراہم کرتی ہیں۔",
        },
        note: "Investment made and continuing; joint planning with the voluntary sector in place.",
        changeEvidence: "Additional investment in the service plan; joint NHS and voluntary sector planning group meeting monthly.",
        changeFrom: "2026-07-01",
      },
      { at: FIRST_ROUND, by: PCF, do: "publish" },
    ],
    ratings: { yes: 2, partly: 0, no: 1 },
  },
  {
    key: "appointments",
    leadService: "ftb",
    period: "2026-autumn",
    theme: "appointments",
    from: {
      survey: "co-assessment",
      responses: 5,
      comments: [
        "The meeting was at a time I could not attend because of work.",
        "An interpreter at the meeting would have helped my family.",
      ],
    },
    youSaid: {
      en: "Tell us what to expect from appointments now. Many of you want to be seen face to face rather than by video or phone.",
      ur: "ہمیں بتائیں کہ اب ملاقاتوں (اپائنٹمنٹس) سے کیا توقع رکھیں۔ آپ میں سے بہت سے لوگ ویڈیو یا فون کے بجائے آمنے سامنے ملنا چاہتے ہیں۔",
    },
    created: { at: "2026-10-09T11:30:00.000Z", by: FTB_LEAD },
    steps: [
      { at: "2026-10-15T11:10:00.000Z", by: FTB_LEAD, do: "open", owner: FTB_LEAD, dueOn: "2026-11-27" },
      {
        at: "2026-11-05T16:00:00.000Z",
        by: FTB_LEAD,
        do: "close",
        outcome: "not_possible",
        weDid: {
          en: "We cannot promise that every appointment will be face to face. For each appointment, clinicians choose face to face, video or phone by what your child needs and what is safe. You can always ask for face to face. If the rule of one visitor does not suit your family, ask before the appointment and others can come with you.",
          ur: "ہم یہ وعدہ نہیں کر سکتے کہ ہر ملاقات آمنے سامنے ہوگی۔ ہر ملاقات کے لیے معالج آپ کے بچے کی طبی ضرورت اور حفاظت کو دیکھ کر آمنے سامنے، ویڈیو یا فون کا انتخاب کرتے ہیں۔ آپ ہمیشہ آمنے سامنے ملاقات کی درخواست کر سکتے ہیں۔ اگر ایک ملاقاتی کا اصول آپ کے خاندان کے لیے مناسب نہیں، تو ملاقات سے پہلے بتائیں اور دوسرے لوگ بھی آپ کے ساتھ آ سکتے ہیں۔",
        },
        note: "Not possible as asked: how an appointment happens is a clinical decision. Families told how to ask for face to face and for more visitors.",
      },
      { at: "2026-11-09T11:00:00.000Z", by: PCF, do: "publish" },
    ],
    ratings: { yes: 1, partly: 2, no: 3 },
    lookAgain: {
      at: "2026-11-24T19:40:00.000Z",
      language: "ur",
      reason: "میرے بیٹے کو ویڈیو کال پر بات کرنا بہت مشکل لگتا ہے۔ براہ کرم آمنے سامنے ملاقاتوں کے بارے میں دوبارہ سوچیں۔",
    },
  },
  {
    key: "co-produced-plans",
    leadService: "senar-north",
    period: "2026-autumn",
    theme: "ehc_plans",
    from: { forumFamilies: 42 },
    youSaid: {
      en: "At the forum's events, families said EHC plans must be written with them and must really fit their child.",
      ur: "فورم کی تقریبات میں خاندانوں نے کہا کہ EHC پلان ان کے ساتھ مل کر لکھے جائیں اور واقعی ان کے بچے کے مطابق ہوں۔",
    },
    created: { at: "2026-10-12T14:00:00.000Z", by: PCF },
    steps: [
      { at: "2026-10-16T09:00:00.000Z", by: NORTH_LEAD, do: "open", owner: NORTH_LEAD, dueOn: "2026-12-11" },
      {
        // Closed and waiting for the PCF to publish or send back.
        at: "2026-11-23T10:00:00.000Z",
        by: NORTH_LEAD,
        do: "close",
        outcome: "done",
        weDid: {
          en: "We recruited an expert in the SEND Code of Practice, the official guidance on how plans must be made. They are training every SENAR officer, and they take each new member of staff through it when they join.",
          ur: "ہم نے SEND ضابطۂ عمل (Code of Practice) کے ایک ماہر کو بھرتی کیا ہے، یعنی وہ سرکاری رہنمائی جو بتاتی ہے کہ پلان کیسے بنائے جائیں۔ وہ SENAR کے ہر افسر کو تربیت دے رہے ہیں، اور ہر نئے رکن کو شامل ہوتے وقت یہ رہنمائی سکھاتے ہیں۔",
        },
        note: "Trainer in post; all officers booked on training; Code of Practice part of every induction.",
        changeEvidence: "Code of Practice trainer in post; training sessions for all officers timetabled; induction updated.",
        changeFrom: "2026-10-01",
      },
    ],
  },
  {
    key: "crisis-care",
    leadService: "ftb",
    period: "2026-autumn",
    theme: "mental_health",
    from: { forumFamilies: 27 },
    youSaid: {
      en: "Mental health crisis care out of hours does not meet the needs of young people with learning disabilities or autism.",
      ur: "دفتری اوقات کے بعد ذہنی صحت کے بحران میں ملنے والی مدد سیکھنے کی معذوری یا آٹزم والے نوجوانوں کی ضروریات پوری نہیں کرتی۔",
    },
    created: { at: "2026-10-12T14:30:00.000Z", by: PCF },
    steps: [
      { at: "2026-10-16T10:00:00.000Z", by: FTB_LEAD, do: "open", owner: FTB_LEAD, dueOn: "2027-02-26" },
      { at: SHOWN_AS_DOING, by: PCF, do: "publish_open" },
      {
        at: "2026-10-28T09:00:00.000Z",
        by: FTB_LEAD,
        do: "update",
        text: {
          en: "Our 0 to 25 mental health service runs a crisis line 24 hours a day, 7 days a week. We are now looking at how our out-of-hours help works for autistic young people and young people with learning disabilities.",
          ur: "0 سے 25 سال تک کے لیے ہماری ذہنی صحت کی سروس دن کے 24 گھنٹے، ہفتے کے 7 دن ایک کرائسس لائن چلاتی ہے۔ اب ہم جائزہ لے رہے ہیں کہ دفتری اوقات کے بعد ہماری مدد آٹزم والے نوجوانوں اور سیکھنے کی معذوری والے نوجوانوں کے لیے کیسے کام کرتی ہے۔",
        },
      },
    ],
  },
  {
    key: "early-help-hub",
    leadService: "early-help-hub",
    contributing: ["local-offer"],
    period: "2026-autumn",
    theme: "early_help",
    from: { forumFamilies: 150 },
    youSaid: {
      en: "At all four events (over 150 people came), families said it is hard to find your way to the right help early, before things reach a crisis.",
      ur: "چاروں تقریبات میں (جن میں 150 سے زیادہ لوگ آئے) خاندانوں نے کہا کہ معاملات بگڑنے سے پہلے، شروع میں ہی صحیح مدد تک پہنچنا مشکل ہے۔",
    },
    created: { at: "2026-10-12T15:00:00.000Z", by: PCF },
    steps: [
      { at: "2026-10-19T09:00:00.000Z", by: HUB_LEAD, do: "open", owner: HUB_MEMBER, dueOn: "2026-11-27" },
      {
        at: "2026-10-30T14:00:00.000Z",
        by: HUB_MEMBER,
        do: "close",
        outcome: "done",
        weDid: {
          en: "With the council and health partners we set up a SEND Early Help Hub. There, professionals can point families to help, give advice about EHC plans and help families find their way around the Local Offer.",
          ur: "ہم نے کونسل اور صحت کے شراکت داروں کے ساتھ مل کر SEND ابتدائی مدد کا مرکز (ارلی ہیلپ ہب) قائم کیا ہے۔ وہاں ماہرین خاندانوں کو مدد تک پہنچا سکتے ہیں، EHC پلان کے بارے میں مشورہ دے سکتے ہیں اور لوکل آفر میں راستہ تلاش کرنے میں مدد کر سکتے ہیں۔",
        },
        note: "Hub running with council and health staff; Local Offer pages link to it.",
        changeEvidence: "Hub open with council, health and trust staff; professionals' referrals recorded.",
        changeFrom: "2026-09-14",
      },
      { at: FIRST_ROUND, by: PCF, do: "publish" },
    ],
    ratings: { yes: 6, partly: 1, no: 0 },
  },
  {
    key: "additional-needs-name",
    leadService: "local-offer",
    period: "2026-autumn",
    theme: "information",
    from: { forumFamilies: 18 },
    youSaid: {
      en: "Young people at the forum asked to be called \"children and young people with additional needs\" rather than \"SEND\".",
      ur: "فورم میں نوجوانوں نے کہا کہ انہیں \"SEND\" کے بجائے \"اضافی ضروریات والے بچے اور نوجوان\" کہا جائے۔",
    },
    created: { at: "2026-10-13T10:00:00.000Z", by: PCF },
    steps: [
      { at: "2026-10-19T11:00:00.000Z", by: ADMIN, do: "open", owner: LOCAL_OFFER_MEMBER, dueOn: "2026-11-27" },
      {
        at: "2026-10-28T13:00:00.000Z",
        by: LOCAL_OFFER_MEMBER,
        do: "close",
        outcome: "done",
        weDid: {
          en: "The partnership agreed. We now say \"children and young people with additional needs\" wherever the law does not require the word \"SEND\", starting with the Local Offer website.",
          ur: "شراکت داری نے یہ بات مان لی۔ اب جہاں قانون کے مطابق لفظ \"SEND\" ضروری نہ ہو، وہاں ہم \"اضافی ضروریات والے بچے اور نوجوان\" کہتے ہیں، اور اس کی شروعات لوکل آفر ویب سائٹ سے کی گئی ہے۔",
        },
        note: "Agreed by the partnership; wording changed on the Local Offer website first.",
        changeEvidence: "Local Offer website pages reworded; partnership's writing guide updated.",
        changeFrom: "2026-10-26",
      },
      { at: FIRST_ROUND, by: PCF, do: "publish" },
    ],
    ratings: { yes: 3, partly: 0, no: 0 },
  },
  {
    key: "plain-letters",
    leadService: "senar-north",
    period: "2026-autumn",
    theme: "communication",
    from: {
      survey: "senar-parent",
      responses: 2,
      comments: [
        "The letters are hard to understand. Please use plain words.",
      ],
    },
    youSaid: {
      en: "Letters from SENAR are hard to understand. Please use plain words.",
      ur: "SENAR کے خطوط سمجھنا مشکل ہے۔ براہ کرم آسان الفاظ استعمال کریں۔",
    },
    // Still a draft: its lead has not opened it yet.
    created: { at: "2026-11-19T10:00:00.000Z", by: NORTH_MEMBER },
    steps: [],
  },
];
