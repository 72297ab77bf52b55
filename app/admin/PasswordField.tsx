import { useActionData } from "@remix-run/react";
import { useEffect } from "react";
import { TextField } from "~/ui/forms";

/**
 * A password input that is empty again after every submission. The server never sends
 * a password back, but with JavaScript on the browser keeps what was typed in the
 * field across a client-side post; this clears it whenever new action data arrives.
 */
export function PasswordField(props: { id?: string; label: string; hint?: string; error?: string; autoComplete: "new-password" | "current-password" }) {
  const id = props.id ?? "password";
  const actionData = useActionData();
  useEffect(() => {
    const input = document.getElementById(id);
    if (actionData && input instanceof HTMLInputElement) input.value = "";
  }, [actionData, id]);
  return <TextField id={id} name={id} type="password" autoComplete={props.autoComplete} label={props.label} hint={props.hint} value="" error={props.error} />;
}
