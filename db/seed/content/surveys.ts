import type { SurveySpec } from "../../../app/surveys/spec";

/**
 * Demo surveys, every respondent-visible text in English and Urdu.
 *
 * - Respondent-facing text for families says "additional needs", not "SEND", and explains
 *   every acronym (EHC, SENAR, SENDIASS) where it is first used.
 * - Scale questions (satisfaction, agreement, yes/no/not sure) take their fixed answer
 *   options from the app; only single and multiple choice questions list options here.
 * - A `showIf` always points at a question on an earlier page.
 * - Urdu follows the glossary in DESIGN.md and is to be reviewed by a fluent speaker.
 */

const NO_NAMES_HINT = {
  en: "Please do not write your child's name or anyone else's name.",
  ur: "براہِ کرم اپنے بچے یا کسی اور کا نام نہ لکھیں۔",
};

const NO_NAMES_HINT_STAFF = {
  en: "Please do not write the names of children, families or staff.",
  ur: "براہِ کرم بچوں، خاندانوں یا عملے کے نام نہ لکھیں۔",
};

const senarParent: SurveySpec = {
  slug: "senar-parent",
  kind: "parent",
  title: {
    en: "SENAR parent survey: your experience of the EHC needs assessment",
    ur: "SENAR والدین کا سروے: EHC ضروریات کے جائزے کا آپ کا تجربہ",
  },
  intro: {
    en: "This survey is about the EHC needs assessment for your child. EHC means Education, Health and Care. SENAR is the council team that assesses and reviews support for children and young people with additional needs. Your answers are anonymous. It takes about 10 minutes.",
    ur: "یہ سروے آپ کے بچے کی EHC ضروریات کے جائزے کے بارے میں ہے۔ EHC کا مطلب ہے تعلیم، صحت اور نگہداشت۔ SENAR کونسل کی وہ ٹیم ہے جو اضافی ضروریات والے بچوں اور نوجوانوں کی مدد کا جائزہ لیتی ہے۔ آپ کے جوابات گمنام ہیں۔ اس میں تقریباً 10 منٹ لگتے ہیں۔",
  },
  headline: "overall",
  questions: [
    // Page 1: overall experience
    {
      key: "overall",
      page: 1,
      type: "satisfaction",
      required: true,
      text: {
        en: "Overall, how satisfied are you with the EHC needs assessment for your child?",
        ur: "مجموعی طور پر، آپ اپنے بچے کی EHC ضروریات کے جائزے سے کتنے مطمئن ہیں؟",
      },
    },
    {
      key: "communication",
      page: 1,
      type: "satisfaction",
      text: {
        en: "How satisfied are you with how the SENAR team kept in touch with you?",
        ur: "SENAR ٹیم نے آپ سے جس طرح رابطہ رکھا، آپ اس سے کتنے مطمئن ہیں؟",
      },
      hint: {
        en: "For example, answering your calls and emails, and telling you what happens next.",
        ur: "مثال کے طور پر، آپ کی کالز اور ای میلز کا جواب دینا، اور آپ کو بتانا کہ آگے کیا ہوگا۔",
      },
    },
    {
      key: "contact_known",
      page: 1,
      type: "yes_no_not_sure",
      required: true,
      text: {
        en: "Did you know who to contact about your child's assessment?",
        ur: "کیا آپ کو معلوم تھا کہ اپنے بچے کے جائزے کے بارے میں کس سے رابطہ کرنا ہے؟",
      },
    },
    // Page 2: contact and help
    {
      key: "contact_help",
      page: 2,
      type: "long_text",
      showIf: { key: "contact_known", value: "no" },
      text: {
        en: "What would have helped you know who to contact?",
        ur: "کس چیز سے آپ کو یہ جاننے میں مدد ملتی کہ کس سے رابطہ کرنا ہے؟",
      },
      hint: NO_NAMES_HINT,
    },
    {
      key: "heard_from",
      page: 2,
      type: "single_choice",
      text: {
        en: "How did you mostly hear from the service?",
        ur: "سروس کی طرف سے آپ سے زیادہ تر کس طرح رابطہ کیا گیا؟",
      },
      options: [
        { value: "email", label: { en: "Email", ur: "ای میل" } },
        { value: "phone", label: { en: "Phone", ur: "فون" } },
        { value: "letter", label: { en: "Letter", ur: "خط" } },
        { value: "in_person", label: { en: "In person", ur: "آمنے سامنے ملاقات" } },
        { value: "other", label: { en: "Another way", ur: "کوئی اور طریقہ" } },
      ],
    },
    {
      key: "helpful",
      page: 2,
      type: "multiple_choice",
      text: {
        en: "Which of these did you find helpful?",
        ur: "ان میں سے کون سی چیزیں آپ کے لیے مددگار تھیں؟",
      },
      hint: {
        en: "Choose all that apply.",
        ur: "جتنے جوابات درست ہوں، سب چنیں۔",
      },
      options: [
        {
          value: "named_contact",
          label: { en: "Having one named person to contact", ur: "رابطے کے لیے ایک مقرر شخص کا ہونا" },
        },
        {
          value: "regular_updates",
          label: { en: "Regular updates on what was happening", ur: "جو کچھ ہو رہا تھا اس کے بارے میں باقاعدہ اطلاع" },
        },
        {
          value: "school_help",
          label: { en: "Help from my child's school or nursery", ur: "میرے بچے کے اسکول یا نرسری سے مدد" },
        },
        {
          value: "sendiass",
          label: {
            en: "Advice from SENDIASS (the free, independent advice service)",
            ur: "SENDIASS سے مشورہ (مفت اور آزاد مشورے کی سروس)",
          },
        },
        {
          value: "parent_carer_forum",
          label: {
            en: "The Parent Carer Forum",
            ur: "پیرنٹ کیئرر فورم (والدین اور نگہداشت کرنے والوں کا فورم)",
          },
        },
        {
          value: "local_offer",
          label: { en: "The Local Offer website", ur: "لوکل آفر ویب سائٹ" },
        },
        { value: "none", label: { en: "None of these", ur: "ان میں سے کوئی نہیں" } },
      ],
    },
    // Page 3: being listened to
    {
      key: "listened_to",
      page: 3,
      type: "agreement",
      text: {
        en: "I was listened to during the assessment.",
        ur: "جائزے کے دوران میری بات سنی گئی۔",
      },
    },
    {
      key: "plan_describes_child",
      page: 3,
      type: "agreement",
      text: {
        en: "The plan describes my child well.",
        ur: "پلان میں میرے بچے کو اچھی طرح بیان کیا گیا ہے۔",
      },
      hint: {
        en: "This means the EHC plan or the draft plan. If there is no plan yet, choose \"don't know\".",
        ur: "اس سے مراد EHC پلان یا پلان کا مسودہ ہے۔ اگر ابھی کوئی پلان نہیں ہے تو \"معلوم نہیں\" چنیں۔",
      },
    },
    {
      key: "understood_steps",
      page: 3,
      type: "agreement",
      text: {
        en: "I understood what would happen at each step.",
        ur: "مجھے سمجھ آئی کہ ہر مرحلے پر کیا ہوگا۔",
      },
    },
    // Page 4: in your own words
    {
      key: "in_a_few_words",
      page: 4,
      type: "short_text",
      text: {
        en: "In a few words, how would you describe the assessment?",
        ur: "چند الفاظ میں، آپ اس جائزے کو کیسے بیان کریں گے؟",
      },
    },
    {
      key: "works_well",
      page: 4,
      type: "long_text",
      text: { en: "What worked well?", ur: "کیا چیز اچھی رہی؟" },
      hint: NO_NAMES_HINT,
    },
    {
      key: "should_change",
      page: 4,
      type: "long_text",
      text: { en: "What should change?", ur: "کیا بدلنا چاہیے؟" },
      hint: NO_NAMES_HINT,
    },
  ],
};

const sencoSetting: SurveySpec = {
  slug: "senco-setting",
  kind: "setting",
  title: {
    en: "Setting survey: SENCO experience of the EHC needs assessment",
    ur: "تعلیمی ادارے کا سروے: EHC ضروریات کے جائزے کے بارے میں SENCO کا تجربہ",
  },
  intro: {
    en: "For SENCOs (special educational needs co-ordinators) and other staff in nurseries, schools and colleges. Tell us about EHC (Education, Health and Care) needs assessments for children and young people at your setting this term. Answers are anonymous. It takes about 5 minutes.",
    ur: "یہ سروے SENCOs (خصوصی تعلیمی ضروریات کے کوآرڈینیٹرز) اور نرسریوں، اسکولوں اور کالجوں کے دیگر عملے کے لیے ہے۔ اس ٹرم میں اپنے ادارے کے بچوں اور نوجوانوں کے EHC (تعلیم، صحت اور نگہداشت) ضروریات کے جائزوں کے بارے میں بتائیں۔ جوابات گمنام ہیں۔ اس میں تقریباً 5 منٹ لگتے ہیں۔",
  },
  headline: "overall",
  questions: [
    // Page 1: overall experience
    {
      key: "overall",
      page: 1,
      type: "satisfaction",
      required: true,
      text: {
        en: "Overall, how satisfied are you with the EHC needs assessment process this term?",
        ur: "مجموعی طور پر، آپ اس ٹرم میں EHC ضروریات کے جائزے کے عمل سے کتنے مطمئن ہیں؟",
      },
    },
    {
      key: "communication",
      page: 1,
      type: "satisfaction",
      text: {
        en: "How satisfied are you with communication from the SENAR team?",
        ur: "SENAR ٹیم کی طرف سے رابطے اور معلومات سے آپ کتنے مطمئن ہیں؟",
      },
      hint: {
        en: "SENAR is the council's SEN Assessment and Review service.",
        ur: "SENAR کونسل کی SEN اسیسمنٹ اینڈ ریویو (جائزہ اور نظرِ ثانی) سروس ہے۔",
      },
    },
    {
      key: "contact_known",
      page: 1,
      type: "yes_no_not_sure",
      text: {
        en: "Do you know who your setting's named contact in SENAR is?",
        ur: "کیا آپ جانتے ہیں کہ SENAR میں آپ کے ادارے کے لیے مقرر رابطہ کار کون ہے؟",
      },
    },
    // Page 2: the assessment and the plans
    {
      key: "advice_time",
      page: 2,
      type: "agreement",
      text: {
        en: "When asked for our advice, we were given enough time to give it well.",
        ur: "جب ہم سے مشورہ مانگا گیا تو ہمیں اچھی طرح مشورہ دینے کے لیے کافی وقت دیا گیا۔",
      },
    },
    {
      key: "plans_specific",
      page: 2,
      type: "agreement",
      text: {
        en: "Final plans set out support that is specific and that our setting can deliver.",
        ur: "حتمی پلانز میں ایسی مدد درج ہوتی ہے جو واضح ہو اور جو ہمارا ادارہ فراہم کر سکے۔",
      },
    },
    {
      key: "should_change",
      page: 2,
      type: "long_text",
      text: {
        en: "What one change would most improve EHC needs assessments for settings?",
        ur: "کون سی ایک تبدیلی اداروں کے لیے EHC ضروریات کے جائزوں کو سب سے زیادہ بہتر بنائے گی؟",
      },
      hint: NO_NAMES_HINT_STAFF,
    },
    // Page 3: about you
    {
      key: "role",
      page: 3,
      type: "single_choice",
      text: { en: "What is your role?", ur: "آپ کا عہدہ کیا ہے؟" },
      options: [
        { value: "senco", label: { en: "SENCO", ur: "SENCO (خصوصی تعلیمی ضروریات کا کوآرڈینیٹر)" } },
        {
          value: "head",
          label: { en: "Head teacher, principal or manager", ur: "ہیڈ ٹیچر، پرنسپل یا مینیجر" },
        },
        { value: "teacher", label: { en: "Teacher or key worker", ur: "استاد یا کی ورکر" } },
        { value: "other", label: { en: "Another role", ur: "کوئی اور عہدہ" } },
      ],
    },
    {
      key: "setting_type",
      page: 3,
      type: "single_choice",
      text: {
        en: "What kind of setting do you work in?",
        ur: "آپ کس قسم کے ادارے میں کام کرتے ہیں؟",
      },
      options: [
        { value: "early_years", label: { en: "Nursery or early years", ur: "نرسری یا ابتدائی عمر کا ادارہ" } },
        { value: "primary", label: { en: "Primary school", ur: "پرائمری اسکول" } },
        { value: "secondary", label: { en: "Secondary school", ur: "سیکنڈری اسکول" } },
        { value: "special", label: { en: "Special school", ur: "اسپیشل اسکول" } },
        { value: "post_16", label: { en: "College or sixth form", ur: "کالج یا سکستھ فارم" } },
        { value: "other", label: { en: "Another kind of setting", ur: "کسی اور قسم کا ادارہ" } },
      ],
    },
  ],
};

const partnerOrganisation: SurveySpec = {
  slug: "partner-organisation",
  kind: "partner",
  title: { en: "Partner organisation survey", ur: "شراکت دار تنظیموں کا سروے" },
  intro: {
    en: "For organisations that work with Birmingham's SEND (special educational needs and disabilities) Local Area Partnership. Tell us how well the partnership works with you. Answers are anonymous. It takes about 5 minutes.",
    ur: "یہ سروے ان تنظیموں کے لیے ہے جو برمنگھم کی SEND (خصوصی تعلیمی ضروریات اور معذوری) لوکل ایریا پارٹنرشپ کے ساتھ کام کرتی ہیں۔ ہمیں بتائیں کہ پارٹنرشپ آپ کے ساتھ کتنا اچھا کام کرتی ہے۔ جوابات گمنام ہیں۔ اس میں تقریباً 5 منٹ لگتے ہیں۔",
  },
  headline: "overall",
  questions: [
    // Page 1: working together
    {
      key: "overall",
      page: 1,
      type: "satisfaction",
      required: true,
      text: {
        en: "Overall, how satisfied are you with how the partnership works with your organisation?",
        ur: "مجموعی طور پر، پارٹنرشپ جس طرح آپ کی تنظیم کے ساتھ کام کرتی ہے، آپ اس سے کتنے مطمئن ہیں؟",
      },
    },
    {
      key: "information_shared",
      page: 1,
      type: "agreement",
      text: {
        en: "The partnership shares information with us in good time.",
        ur: "پارٹنرشپ ہمارے ساتھ بروقت معلومات شیئر کرتی ہے۔",
      },
    },
    {
      key: "involved_in_decisions",
      page: 1,
      type: "agreement",
      text: {
        en: "We are involved in decisions that affect the families we work with.",
        ur: "ہمیں ان فیصلوں میں شامل کیا جاتا ہے جن کا اثر ان خاندانوں پر پڑتا ہے جن کے ساتھ ہم کام کرتے ہیں۔",
      },
    },
    {
      key: "joined_up",
      page: 1,
      type: "agreement",
      text: {
        en: "Education, health and social care work well together for families.",
        ur: "تعلیم، صحت اور سماجی نگہداشت کے شعبے خاندانوں کے لیے مل کر اچھا کام کرتے ہیں۔",
      },
    },
    // Page 2: about you and your comments
    {
      key: "organisation_type",
      page: 2,
      type: "single_choice",
      text: {
        en: "What kind of organisation do you work for?",
        ur: "آپ کس قسم کی تنظیم میں کام کرتے ہیں؟",
      },
      options: [
        { value: "council", label: { en: "Council service", ur: "کونسل کی سروس" } },
        { value: "health", label: { en: "Health service", ur: "صحت کی سروس" } },
        { value: "childrens_trust", label: { en: "Birmingham Children's Trust", ur: "برمنگھم چلڈرنز ٹرسٹ" } },
        { value: "education", label: { en: "Nursery, school or college", ur: "نرسری، اسکول یا کالج" } },
        {
          value: "voluntary",
          label: { en: "Voluntary or community organisation", ur: "رضاکار یا کمیونٹی تنظیم" },
        },
        { value: "other", label: { en: "Another kind of organisation", ur: "کسی اور قسم کی تنظیم" } },
      ],
    },
    {
      key: "works_well",
      page: 2,
      type: "long_text",
      text: {
        en: "What works well in how we work together?",
        ur: "ہمارے مل کر کام کرنے میں کیا چیز اچھی چل رہی ہے؟",
      },
      hint: NO_NAMES_HINT_STAFF,
    },
    {
      key: "should_change",
      page: 2,
      type: "long_text",
      text: {
        en: "What should the partnership do differently?",
        ur: "پارٹنرشپ کو کیا مختلف طریقے سے کرنا چاہیے؟",
      },
      hint: NO_NAMES_HINT_STAFF,
    },
  ],
};

const localOffer: SurveySpec = {
  slug: "local-offer",
  kind: "parent",
  title: { en: "Local Offer website survey", ur: "لوکل آفر ویب سائٹ کا سروے" },
  intro: {
    en: "The Local Offer is the council's website about services for children and young people with additional needs, and their families. Tell us what you think of it. Your answers are anonymous. It takes about 5 minutes.",
    ur: "لوکل آفر کونسل کی ویب سائٹ ہے جس میں اضافی ضروریات والے بچوں اور نوجوانوں اور ان کے خاندانوں کے لیے سروسز کی معلومات ہیں۔ ہمیں بتائیں کہ آپ اس کے بارے میں کیا سوچتے ہیں۔ آپ کے جوابات گمنام ہیں۔ اس میں تقریباً 5 منٹ لگتے ہیں۔",
  },
  headline: "overall",
  questions: [
    // Page 1: your visit
    {
      key: "overall",
      page: 1,
      type: "satisfaction",
      required: true,
      text: {
        en: "Overall, how satisfied are you with the Local Offer website?",
        ur: "مجموعی طور پر، آپ لوکل آفر ویب سائٹ سے کتنے مطمئن ہیں؟",
      },
    },
    {
      key: "looking_for",
      page: 1,
      type: "single_choice",
      text: {
        en: "What were you mostly looking for?",
        ur: "آپ زیادہ تر کیا تلاش کر رہے تھے؟",
      },
      options: [
        { value: "education", label: { en: "Nurseries, schools and colleges", ur: "نرسریاں، اسکول اور کالج" } },
        { value: "health", label: { en: "Health and therapy services", ur: "صحت اور تھراپی کی سروسز" } },
        {
          value: "ehc_plans",
          label: {
            en: "EHC plans (Education, Health and Care plans)",
            ur: "EHC پلانز (تعلیم، صحت اور نگہداشت کے پلانز)",
          },
        },
        {
          value: "activities",
          label: { en: "Activities and short breaks", ur: "سرگرمیاں اور مختصر وقفے (شارٹ بریکس)" },
        },
        { value: "money", label: { en: "Money and benefits", ur: "پیسے اور سرکاری امداد (بینیفٹس)" } },
        {
          value: "support_groups",
          label: { en: "Support groups and advice", ur: "مدد کے گروپ اور مشورہ" },
        },
        { value: "other", label: { en: "Something else", ur: "کچھ اور" } },
      ],
    },
    {
      key: "found_it",
      page: 1,
      type: "yes_no_not_sure",
      required: true,
      text: {
        en: "Did you find what you were looking for?",
        ur: "کیا آپ کو وہ مل گیا جو آپ تلاش کر رہے تھے؟",
      },
    },
    {
      key: "easy_to_use",
      page: 1,
      type: "agreement",
      text: {
        en: "The website is easy to use.",
        ur: "ویب سائٹ استعمال کرنا آسان ہے۔",
      },
    },
    // Page 2: making it better
    {
      key: "not_found",
      page: 2,
      type: "long_text",
      showIf: { key: "found_it", value: "no" },
      text: {
        en: "What were you looking for that you could not find?",
        ur: "آپ کیا تلاش کر رہے تھے جو آپ کو نہیں ملا؟",
      },
      hint: NO_NAMES_HINT,
    },
    {
      key: "easy_to_understand",
      page: 2,
      type: "agreement",
      text: {
        en: "The information on the website is easy to understand.",
        ur: "ویب سائٹ پر دی گئی معلومات سمجھنا آسان ہے۔",
      },
    },
    {
      key: "improve",
      page: 2,
      type: "long_text",
      text: {
        en: "How could we make the website better?",
        ur: "ہم ویب سائٹ کو کیسے بہتر بنا سکتے ہیں؟",
      },
      hint: NO_NAMES_HINT,
    },
  ],
};

const coAssessment: SurveySpec = {
  slug: "co-assessment",
  kind: "co_assessment",
  title: {
    en: "Co-assessment: how well does this service work with families?",
    ur: "مشترکہ جائزہ: یہ سروس خاندانوں کے ساتھ کتنا اچھا کام کرتی ہے؟",
  },
  intro: {
    en: "Families and people who work for the service both fill in this survey about the same service. We compare the answers to see where we agree and what needs to get better. The questions come from our charter for working with families. Answers are anonymous. It takes about 5 minutes.",
    ur: "خاندان اور اس سروس میں کام کرنے والے لوگ، دونوں ایک ہی سروس کے بارے میں یہ سروے بھرتے ہیں۔ ہم جوابات کا موازنہ کرتے ہیں تاکہ دیکھ سکیں کہ ہم کہاں متفق ہیں اور کیا بہتر ہونا چاہیے۔ سوالات خاندانوں کے ساتھ کام کرنے کے ہمارے چارٹر سے لیے گئے ہیں۔ جوابات گمنام ہیں۔ اس میں تقریباً 5 منٹ لگتے ہیں۔",
  },
  headline: "overall",
  questions: [
    // Page 1: who is answering
    {
      key: "role",
      page: 1,
      type: "single_choice",
      required: true,
      text: {
        en: "Which of these describes you?",
        ur: "ان میں سے کون سا جواب آپ پر لاگو ہوتا ہے؟",
      },
      options: [
        {
          value: "family",
          label: { en: "I am a parent or carer", ur: "میں والد/والدہ یا نگہداشت کرنے والا/والی ہوں" },
        },
        {
          value: "professional",
          label: { en: "I work for a service", ur: "میں کسی سروس میں کام کرتا/کرتی ہوں" },
        },
      ],
    },
    // Page 2: the charter principles
    {
      key: "trusted",
      page: 2,
      type: "agreement",
      required: true,
      text: { en: "Families are trusted.", ur: "خاندانوں پر بھروسہ کیا جاتا ہے۔" },
      hint: {
        en: "For each sentence, think about the last 6 months.",
        ur: "ہر جملے کے لیے پچھلے 6 مہینوں کے بارے میں سوچیں۔",
      },
    },
    {
      key: "listened_to",
      page: 2,
      type: "agreement",
      required: true,
      text: {
        en: "Families are listened to and heard.",
        ur: "خاندانوں کی بات سنی اور سمجھی جاتی ہے۔",
      },
    },
    {
      key: "transparency",
      page: 2,
      type: "agreement",
      required: true,
      text: {
        en: "There is transparency and openness.",
        ur: "کام میں شفافیت اور کھلا پن ہے۔",
      },
      hint: {
        en: "The service is clear and honest about what it does and why.",
        ur: "سروس صاف اور ایمانداری سے بتاتی ہے کہ وہ کیا کرتی ہے اور کیوں۔",
      },
    },
    {
      key: "communicated_with",
      page: 2,
      type: "agreement",
      required: true,
      text: {
        en: "Families are fully communicated with.",
        ur: "خاندانوں کو ہر بات سے پوری طرح آگاہ رکھا جاتا ہے۔",
      },
    },
    {
      key: "involved",
      page: 2,
      type: "agreement",
      required: true,
      text: {
        en: "Families are involved in decisions.",
        ur: "خاندانوں کو فیصلوں میں شامل کیا جاتا ہے۔",
      },
    },
    {
      key: "empowered",
      page: 2,
      type: "agreement",
      required: true,
      text: { en: "Families are empowered.", ur: "خاندانوں کو بااختیار بنایا جاتا ہے۔" },
      hint: {
        en: "Families have the information and support to make their own choices.",
        ur: "خاندانوں کے پاس اپنے فیصلے خود کرنے کے لیے معلومات اور مدد موجود ہوتی ہے۔",
      },
    },
    {
      key: "equal",
      page: 2,
      type: "agreement",
      required: true,
      text: {
        en: "Families are treated as equals.",
        ur: "خاندانوں کے ساتھ برابری کا سلوک کیا جاتا ہے۔",
      },
    },
    {
      key: "accountable",
      page: 2,
      type: "agreement",
      required: true,
      text: {
        en: "The service is accountable to families.",
        ur: "سروس خاندانوں کے سامنے جواب دہ ہے۔",
      },
      hint: {
        en: "The service explains its decisions and puts things right when they go wrong.",
        ur: "سروس اپنے فیصلوں کی وضاحت کرتی ہے اور غلطی ہونے پر اسے درست کرتی ہے۔",
      },
    },
    // Page 3: overall and comments
    {
      key: "overall",
      page: 3,
      type: "satisfaction",
      required: true,
      text: {
        en: "Overall, how satisfied are you with how this service works with families?",
        ur: "مجموعی طور پر، یہ سروس جس طرح خاندانوں کے ساتھ کام کرتی ہے، آپ اس سے کتنے مطمئن ہیں؟",
      },
    },
    {
      key: "works_well",
      page: 3,
      type: "long_text",
      text: { en: "What works well?", ur: "کیا چیز اچھی طرح کام کر رہی ہے؟" },
      hint: NO_NAMES_HINT_STAFF,
    },
    {
      key: "does_not_work",
      page: 3,
      type: "long_text",
      text: { en: "What does not work well?", ur: "کیا چیز اچھی طرح کام نہیں کر رہی؟" },
      hint: NO_NAMES_HINT_STAFF,
    },
    {
      key: "should_change",
      page: 3,
      type: "long_text",
      text: { en: "What should change?", ur: "کیا بدلنا چاہیے؟" },
      hint: NO_NAMES_HINT_STAFF,
    },
  ],
};

export const SURVEYS: SurveySpec[] = [senarParent, sencoSetting, partnerOrganisation, localOffer, coAssessment];
