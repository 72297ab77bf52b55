// autocannon ships no types; the bench scripts use a small part of it.
declare module "autocannon";
