import prisma from "../db.server";

// Liveness and database reachability, for deploys and the sandbox launcher.
export const loader = async () => {
  await prisma.session.count();
  return Response.json({ ok: true });
};
