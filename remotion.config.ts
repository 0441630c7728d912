// Studio-only settings: renders pass their options in code (server/render).
import { Config } from '@remotion/cli/config';

Config.setPublicDir('assets');
Config.setVideoImageFormat('jpeg');
Config.setOverwriteOutput(true);
