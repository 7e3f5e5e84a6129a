import { createBrowserRouter } from 'react-router';
import { appRoutes } from './routes';

/** The signed-in app. The public visitor page (`/v/:token`) is a bundle of its own: see main.tsx. */
export const router = createBrowserRouter(appRoutes);
