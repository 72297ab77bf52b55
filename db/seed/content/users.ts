import type { Role } from "../../schema";

/** Every demo sign-in uses this password; `npm start` prints it. Never use it for real accounts. */
export const DEMO_PASSWORD = "said-and-done-demo";

export const DEMO_USERS: { email: string; name: string; role: Role; services: string[] }[] = [
  { email: "admin@demo.test", name: "Aisha Khan (programme team)", role: "admin", services: [] },
  { email: "pcf@demo.test", name: "Mary Collins (Parent Carer Forum)", role: "pcf", services: [] },
  { email: "board@demo.test", name: "David Osei (Improvement Board)", role: "board", services: [] },
  { email: "lead.senar-north@demo.test", name: "Priya Sharma (SENAR North lead)", role: "service_lead", services: ["senar-north"] },
  { email: "member.senar-north@demo.test", name: "Tom Baker (SENAR North)", role: "service_member", services: ["senar-north"] },
  { email: "member.slt@demo.test", name: "Fatima Hussain (Speech and Language Therapy)", role: "service_member", services: ["slt"] },
  // Owners and leads of the demo's "You Said, We Did" entries (db/seed/content/loop.ts).
  { email: "lead.senar-south@demo.test", name: "Gareth Lewis (SENAR South lead)", role: "service_lead", services: ["senar-south"] },
  { email: "lead.slt@demo.test", name: "Grace Adeyemi (Speech and Language Therapy lead)", role: "service_lead", services: ["slt"] },
  { email: "lead.ftb@demo.test", name: "Imran Malik (Forward Thinking Birmingham lead)", role: "service_lead", services: ["ftb"] },
  { email: "lead.early-help@demo.test", name: "Helen Price (SEND Early Help Hub lead)", role: "service_lead", services: ["early-help-hub"] },
  { email: "member.early-help@demo.test", name: "Sana Mirza (SEND Early Help Hub)", role: "service_member", services: ["early-help-hub"] },
  { email: "member.local-offer@demo.test", name: "Chloe Evans (Local Offer website)", role: "service_member", services: ["local-offer"] },
];
