// The browser bundle of Uppy the demo page uploads with: @uppy/core and its tus plugin, as window.Uppy.
// Built by Web.csproj with esbuild into wwwroot/lib/uppy.min.js (git ignores it).
import Uppy from '@uppy/core';
import Tus from '@uppy/tus';

window.Uppy = { Uppy, Tus };
