import { createContext, useContext } from "react";

/** The per-request CSP nonce, given to Remix's <Scripts> and <ScrollRestoration>. */
export const NonceContext = createContext<string | undefined>(undefined);
export const useNonce = () => useContext(NonceContext);
