/* What the console knows about the session; shared by the modules and changed only through them. */
export const state = {
  key: null,      // the signed-in token's value
  self: null,     // the signed-in token as GET /api-tokens/self returns it
  tokens: [],     // every token loaded so far, in the API's order
  owners: [],     // every owner loaded so far (GET /owners), for the form's choice and the tiles
  editing: null,  // the token being edited, null when creating
  returnFocus: null,
};

export function isSelf(token) {
  return Boolean(state.self && token.id === state.self.id);
}
