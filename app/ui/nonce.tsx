import { createContext, useContext } from "react";

// The Content-Security-Policy nonce of this response (server/app.ts makes it; entry.server
// provides it). Remix's inline scripts carry it, so no other inline script can run.
// In the browser it is "": the scripts are already running by then.
const NonceContext = createContext("");

export const NonceProvider = NonceContext.Provider;

export function useNonce(): string {
  return useContext(NonceContext);
}
