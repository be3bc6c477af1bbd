import type { ViewContext } from './context.js';

function FlashMessage({ message }: { message: string }): JSX.Element {
  return (
    <p class="flash" role="status" safe>
      {message}
    </p>
  );
}

/**
 * The confirmation of the last action, by the element the redirect scrolled to: put it just before
 * the element whose id the redirect's fragment names (`setFlash(reply, …, { near: id })`). Elsewhere
 * it shows nothing, and the layout shows the message at the top as usual.
 */
export function FlashHere({ ctx, id }: { ctx: ViewContext; id: string }): JSX.Element {
  const flash = ctx.flash;
  if (!flash || flash.shown || flash.near !== id) return <></>;
  flash.shown = true;
  return <FlashMessage message={flash.message} />;
}

/** The layout's place for the message: the top of the content, unless the page showed it by its element. */
export function FlashAtTop({ ctx }: { ctx: ViewContext }): JSX.Element {
  const flash = ctx.flash;
  if (!flash || flash.shown) return <></>;
  flash.shown = true;
  return <FlashMessage message={flash.message} />;
}
