// Loaders and actions of the service pages (admin only), taking the database first.
import { json } from "@remix-run/node";
import type { Kysely } from "kysely";
import type { Database, Locality } from "@db/schema";
import { redirectWithFlash, requireStaffForm, requireStaffUser } from "~/auth/session.server";
import { getFixedT, languageFromRequest, pick, type Language } from "~/i18n/i18n";
import { idParam, isolate } from "./form-helpers";
import {
  NO_LOCALITY,
  ServiceCreateSchema,
  ServiceEditSchema,
  parseServiceForm,
  serviceFormValues,
  type ServiceFormValues,
} from "./services";
import { createService, findService, listOrganisations, listServices, updateService } from "./services.server";

type Db = Kysely<Database>;

async function organisationOptions(db: Db, lng: Language) {
  return (await listOrganisations(db)).map((o) => ({ value: String(o.id), label: pick(o, "name", lng) }));
}

async function getServiceOr404(db: Db, id: string | undefined) {
  const serviceId = idParam(id);
  const service = serviceId === undefined ? undefined : await findService(db, serviceId);
  if (!service) throw json({ reason: "not_found" }, { status: 404 });
  return service;
}

export interface ServiceListGroup {
  organisation: string;
  services: { id: number; slug: string; name_en: string; name_ur: string; locality: Locality | null }[];
}

export async function servicesListPage(db: Db, request: Request) {
  await requireStaffUser(db, request, "services");
  const lng = languageFromRequest(request);
  const groups: ServiceListGroup[] = [];
  for (const s of await listServices(db)) {
    const organisation = lng === "ur" ? s.organisation_name_ur : s.organisation_name_en;
    let group = groups.find((g) => g.organisation === organisation);
    if (!group) groups.push((group = { organisation, services: [] }));
    group.services.push({ id: s.id, slug: s.slug, name_en: s.name_en, name_ur: s.name_ur, locality: s.locality });
  }
  return json({ pageTitle: getFixedT(lng, "admin")("services.list.title"), groups });
}

export async function newServicePage(db: Db, request: Request) {
  await requireStaffUser(db, request, "services");
  const lng = languageFromRequest(request);
  return json({ pageTitle: getFixedT(lng, "admin")("services.new.title"), organisations: await organisationOptions(db, lng) });
}

export async function createServiceAction(db: Db, request: Request) {
  const { session, form } = await requireStaffForm(db, request, "services");
  const values = serviceFormValues(form);
  const parsed = parseServiceForm(ServiceCreateSchema, form);
  if (!parsed.ok) return json({ errors: parsed.errors, values }, { status: 400 });
  const saved = await createService(db, parsed.data);
  if ("error" in saved) return json({ errors: { [saved.field]: saved.error }, values }, { status: 400 });
  return redirectWithFlash(db, session, "/staff/services", {
    key: "admin:services.flash.created",
    values: { name: isolate(pick(parsed.data, "name", languageFromRequest(request))) },
  });
}

export async function editServicePage(db: Db, request: Request, id: string | undefined) {
  await requireStaffUser(db, request, "services");
  const lng = languageFromRequest(request);
  const service = await getServiceOr404(db, id);
  const values: ServiceFormValues = {
    organisation: String(service.organisation_id),
    slug: service.slug,
    name_en: service.name_en,
    name_ur: service.name_ur,
    locality: service.locality ?? NO_LOCALITY,
  };
  return json({
    pageTitle: getFixedT(lng, "admin")("services.edit.title", { name: isolate(pick(service, "name", lng)) }),
    name: pick(service, "name", lng),
    values,
    organisations: await organisationOptions(db, lng),
  });
}

export async function editServiceAction(db: Db, request: Request, id: string | undefined) {
  const { session, form } = await requireStaffForm(db, request, "services");
  const service = await getServiceOr404(db, id);
  const values = { ...serviceFormValues(form), slug: service.slug };
  const parsed = parseServiceForm(ServiceEditSchema, form);
  if (!parsed.ok) return json({ errors: parsed.errors, values }, { status: 400 });
  const saved = await updateService(db, service.id, parsed.data);
  if ("error" in saved) return json({ errors: { [saved.field]: saved.error }, values }, { status: 400 });
  return redirectWithFlash(db, session, "/staff/services", {
    key: "admin:services.flash.saved",
    values: { name: isolate(pick(parsed.data, "name", languageFromRequest(request))) },
  });
}
