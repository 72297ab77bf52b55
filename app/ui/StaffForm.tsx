import { Form, useRouteLoaderData, type FormProps } from "@remix-run/react";

interface StaffLayoutData {
  csrf: string;
}

/** The hidden CSRF field every staff form carries (the token lives in the staff layout's data). */
export function CsrfField() {
  const data = useRouteLoaderData<StaffLayoutData>("routes/staff");
  return <input type="hidden" name="csrf" value={data?.csrf ?? ""} />;
}

/** A plain post form for staff pages, with its CSRF token. Works without JavaScript. */
export function StaffForm({ children, method = "post", ...props }: FormProps) {
  return (
    <Form method={method} {...props}>
      {method.toLowerCase() === "get" ? null : <CsrfField />}
      {children}
    </Form>
  );
}
