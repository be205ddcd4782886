/**
 * Objects that nothing changes while a build renders (the marked menus, see markActive), so that
 * what is made from them, such as a `{% cache %}` key's JSON, may be kept. Others, like a
 * template's `loop`, change as it renders.
 */
export const unchanging = new WeakSet<object>();
